// An empty translation unit, so SwiftPM builds this header-only target as a C module.
