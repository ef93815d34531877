/// What a command is and how it is told what to do, written once: `--help` prints it as text and `--man`
/// as a manual page (man(7)), so the help, the manual and the parser's settings cannot disagree.
public struct CommandManual: Sendable {
    /// A command-line flag, with the argument it takes if any.
    public struct Option: Sendable {
        public let flag: String
        public let argument: String?
        public let meaning: String

        public init(_ flag: String, _ meaning: String) {
            self.flag = flag
            self.argument = nil
            self.meaning = meaning
        }

        public init(_ flag: String, argument: String, _ meaning: String) {
            self.flag = flag
            self.argument = argument
            self.meaning = meaning
        }
    }

    /// An exit status the command promises, and when.
    public struct Exit: Sendable {
        public let status: ExitStatus
        public let meaning: String

        public init(_ status: ExitStatus, _ meaning: String) {
            self.status = status
            self.meaning = meaning
        }
    }

    public let name: String
    /// The manual's NAME line after the dash.
    public let summary: String
    /// Each form of invocation, after the command's name.
    public let synopsis: [String]
    /// Paragraphs of plain text.
    public let description: [String]
    public let options: [Option]
    public let settings: [SettingDescription]
    public let exits: [Exit]
    /// Other manual pages and documents, as `name(section)` or a path.
    public let seeAlso: [String]
    /// The release and the build's variant, as `--version` prints it after the name.
    public let version: String

    public init(
        name: String, summary: String, synopsis: [String], description: [String], options: [Option],
        settings: [SettingDescription], exits: [Exit], seeAlso: [String], version: String
    ) {
        self.name = name
        self.summary = summary
        self.synopsis = synopsis
        self.description = description
        self.options = options
        self.settings = settings
        self.exits = exits
        self.seeAlso = seeAlso
        self.version = version
    }

    /// `name version`, one line.
    public var versionLine: String { "\(name) \(version)" }

    /// The text `--help` prints: usage, description, options and every setting with its default and range.
    public var helpText: String {
        var text = ""
        for (index, form) in synopsis.enumerated() {
            text += (index == 0 ? "Usage: " : "       ") + name + (form.isEmpty ? "" : " " + form) + "\n"
        }
        for paragraph in description {
            text += "\n" + Self.wrapped(paragraph, indent: "")
        }
        text += "\nOptions:\n"
        for option in options {
            text += "  " + Self.flagText(option) + "\n" + Self.wrapped(option.meaning, indent: "      ")
        }
        text += "\nEnvironment (default; accepted values):\n"
        for setting in settings {
            text += "  \(setting.name)  (\(setting.defaultText); \(setting.accepted))\n"
            text += Self.wrapped(setting.meaning, indent: "      ")
        }
        text += "\nExit status:\n"
        for exit in exits {
            text += "  " + String(exit.status.rawValue) + "  " + exit.meaning + "\n"
        }
        return text
    }

    /// The manual page in man(7) macros, section 8.
    public var manPage: String {
        let title = Self.escaped(Self.upperCased(name))
        var page = ".TH \(title) 8 \"\" \"atm \(Release.version)\" \"System Manager's Manual\"\n"
        page += ".SH NAME\n\(Self.escaped(name)) \\- \(Self.escaped(summary))\n"
        page += ".SH SYNOPSIS\n.nf\n"
        for form in synopsis {
            page += "\\fB\(Self.escaped(name))\\fR" + (form.isEmpty ? "" : " " + Self.escaped(form)) + "\n"
        }
        page += ".fi\n.SH DESCRIPTION\n"
        for (index, paragraph) in description.enumerated() {
            page += (index == 0 ? "" : ".PP\n") + Self.escaped(paragraph) + "\n"
        }
        page += ".SH OPTIONS\n"
        for option in options {
            page += ".TP\n\\fB\(Self.escaped(option.flag))\\fR"
            if let argument = option.argument { page += " \\fI\(Self.escaped(argument))\\fR" }
            page += "\n\(Self.escaped(option.meaning))\n"
        }
        page += ".SH ENVIRONMENT\n"
        for setting in settings {
            page += ".TP\n\\fB\(Self.escaped(setting.name))\\fR\n\(Self.escaped(setting.meaning))\n"
            page += ".br\nDefault: \(Self.escaped(setting.defaultText)); accepted: \(Self.escaped(setting.accepted)).\n"
        }
        page += ".SH EXIT STATUS\n"
        for exit in exits {
            page += ".TP\n.B \(exit.status.rawValue)\n\(Self.escaped(exit.meaning))\n"
        }
        page += ".SH SEE ALSO\n\(seeAlso.map(Self.escaped).joined(separator: ",\n"))\n"
        return page
    }

    private static func flagText(_ option: Option) -> String {
        option.argument.map { option.flag + " " + $0 } ?? option.flag
    }

    /// `text` broken into lines of at most 100 columns after `indent`, each ending in a newline.
    private static func wrapped(_ text: String, indent: String) -> String {
        var result = ""
        var line = indent
        for word in text.split(separator: " ") {
            if line.utf8.count > indent.utf8.count, line.utf8.count + 1 + word.utf8.count > 100 {
                result += line + "\n"
                line = indent
            }
            line += (line.utf8.count > indent.utf8.count ? " " : "") + word
        }
        return result + line + "\n"
    }

    /// Text safe in a roff line: a backslash is `\e`, a hyphen-minus `\-` (so it is not a hyphen), and a line
    /// cannot start a request with `.` or `'`.
    static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "e")]
            case UInt8(ascii: "-"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "-")]
            case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: " "))
            default: bytes.append(byte)
            }
        }
        if let first = bytes.first, first == UInt8(ascii: ".") || first == UInt8(ascii: "'") {
            bytes.insert(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "&")], at: 0)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func upperCased(_ text: String) -> String {
        String(
            decoding: text.utf8.map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 32 : $0 }, as: UTF8.self
        )
    }
}
