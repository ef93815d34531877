// The floor for instruction counts: a Swift program linked like atm-handler (static executable) that
// reads stdin until the end of the request head and writes a fixed response. It measures what the
// Swift runtime and libc cost before atm-handler does any work of its own.
import Glibc

let response: StaticString =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 45\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{\"account_number\":\"1001\",\"balance\":\"1000.00\"}"

var request = [UInt8](unsafeUninitializedCapacity: 16384) { _, count in count = 0 }
var chunk = [UInt8](unsafeUninitializedCapacity: 16384) { _, count in count = 16384 }
let terminator: [UInt8] = [13, 10, 13, 10]
reading: while true {
    let got = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
    if got <= 0 { break }
    request.append(contentsOf: chunk[..<got])
    if request.count >= 4 {
        for index in 0...(request.count - 4) where request[index..<index + 4].elementsEqual(terminator) {
            break reading
        }
    }
}
var written = 0
while written < response.utf8CodeUnitCount {
    let put = write(1, response.utf8Start + written, response.utf8CodeUnitCount - written)
    if put <= 0 { break }
    written += put
}
