import Foundation
import KetasimCLI

exit(Ketasim.main(Array(CommandLine.arguments.dropFirst())))
