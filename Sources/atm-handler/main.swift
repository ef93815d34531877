import ATMHandler
import ATMSystem

/// atm-handler: serves one client connection on stdin and stdout (docs/http-api.md).
CurrentProcess.exit(ConnectionHandler.run())
