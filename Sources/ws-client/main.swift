import ChatClient
import Glibc

exit(ClientMain.run(Array(CommandLine.arguments.dropFirst())))
