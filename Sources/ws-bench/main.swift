import BenchKit
import Glibc

exit(BenchMain.run(Array(CommandLine.arguments.dropFirst())))
