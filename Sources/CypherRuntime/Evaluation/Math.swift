#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func mathPow(_ a: Double, _ b: Double) -> Double { pow(a, b) }
func mathSqrt(_ a: Double) -> Double { sqrt(a) }
func mathExp(_ a: Double) -> Double { exp(a) }
func mathLog(_ a: Double) -> Double { log(a) }
func mathLog10(_ a: Double) -> Double { log10(a) }
func mathSin(_ a: Double) -> Double { sin(a) }
func mathCos(_ a: Double) -> Double { cos(a) }
func mathTan(_ a: Double) -> Double { tan(a) }
func mathAsin(_ a: Double) -> Double { asin(a) }
func mathAcos(_ a: Double) -> Double { acos(a) }
func mathAtan(_ a: Double) -> Double { atan(a) }
func mathAtan2(_ a: Double, _ b: Double) -> Double { atan2(a, b) }
