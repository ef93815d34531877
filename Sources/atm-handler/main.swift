import ATMHandler
import ATMSystem

/// atm-handler: one HTTP/1.1 request on stdin, one response on stdout (CONTRACT.md).
CurrentProcess.exit(ConnectionHandler.run())
