@preconcurrency import Glibc

/// `klipso <command> [options]`: each command is a small type that parses and
/// validates its options before anything runs.
let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfoEnvironment.current


func printUsage() {
    var text = "usage: klipso <command> [options]\n\ncommands:\n"
    for command in CLICommands.all {
        text += "  " + command.name.padding(toLength: 14, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    text += "\n'klipso <command> --help' describes a command's options.\n"
    print(text, terminator: "")
}

guard let first = arguments.first else {
    printUsage()
    exit(64)
}
if first == "--help" || first == "-h" || first == "help" {
    printUsage()
    exit(0)
}
if first == "--version" {
    print(KlipsoVersion.string)
    exit(0)
}
guard let command = CLICommands.all.first(where: { $0.name == first }) else {
    fputs("klipso: unknown command '\(first)'\n", stderr)
    printUsage()
    exit(64)
}
let rest = Array(arguments.dropFirst())
if rest.contains("--help") || rest.contains("-h") {
    print(command.help)
    exit(0)
}
do {
    exit(try command.run(arguments: rest, environment: environment))
} catch let error as UsageError {
    fputs("klipso \(command.name): \(error.description)\n\n\(command.help)\n", stderr)
    exit(64)
} catch {
    fputs("klipso \(command.name): \(error)\n", stderr)
    exit(1)
}
