public func isClose(_ a: Double, _ b: Double, rtol: Double = 1e-10, atol: Double = 0) -> Bool { abs(a - b) <= atol + rtol * max(abs(a), abs(b)) }
