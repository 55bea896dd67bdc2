import Foundation
import KetasimCLI

let code = Ketasim.run(Array(CommandLine.arguments.dropFirst()), console: .standard())
exit(code)
