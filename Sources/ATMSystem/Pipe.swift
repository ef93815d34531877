import CPosix

/// `pipe2(2)` with both ends close-on-exec from the start: (read end, write end), owned by the caller.
package func makePipe() throws(Errno) -> (FileDescriptor, FileDescriptor) {
    var ends: [Int32] = [-1, -1]
    _ = try retryingInterrupts { cposix_pipe_cloexec(&ends) }
    return (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
}
