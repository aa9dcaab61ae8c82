public import Foundation
import Synchronization

/// Where new UUIDs come from, passed in as a value so tests can make IDs predictable.
public struct UUIDGenerator: Sendable {
    /// Returns a UUID for something created at the given moment.
    public var next: @Sendable (Date) -> UUID

    public init(next: @escaping @Sendable (Date) -> UUID) {
        self.next = next
    }

    /// RFC 9562 version 7, monotonic across the whole process: two UUIDs minted in the same millisecond
    /// (or while the clock stepped back a little) still sort in the order they were minted.
    public static let v7 = UUIDGenerator(state: V7State())

    /// A v7 generator with its own monotonic sequence, so a test's IDs are not interleaved with the IDs
    /// other tests mint through the shared ``v7`` at the same time.
    public static func independentV7() -> UUIDGenerator {
        UUIDGenerator(state: V7State())
    }

    /// Deterministic v7-shaped UUIDs for tests: the timestamp comes from the date, `rand_a`/`rand_b` carry a
    /// counter starting at `start` and no randomness, so the same calls always produce the same IDs and,
    /// within one millisecond, IDs sort in call order.
    public static func incrementing(from start: UInt64 = 0) -> UUIDGenerator {
        let counter = IncrementingState(start)
        return UUIDGenerator { date in
            let value = counter.take()
            let ms = UUIDv7.milliseconds(of: date)
            return UUIDv7.make(milliseconds: ms, counter: value >> 32, random: UInt32(truncatingIfNeeded: value))
        }
    }

    private init(state: V7State) {
        self.next = { date in state.next(at: date) }
    }
}

/// RFC 9562 §6.2 method 1: a 42-bit counter, seeded randomly with its top bit clear each new millisecond
/// (so about 2^41 increments fit before it could roll over) and incremented within the same millisecond.
private final class V7State: Sendable {
    private struct Last {
        var milliseconds: UInt64 = 0
        var counter: UInt64 = 0
    }

    private static let counterMax: UInt64 = (1 << 42) - 1
    /// How far back the clock may step and still be treated as jitter. Beyond this the clock was moved on
    /// purpose (an injected test date, a large NTP correction): following it keeps the embedded timestamp
    /// honest, at the cost of ordering across that jump.
    private static let backwardTolerance: UInt64 = 10_000

    private let last = Mutex(Last())

    func next(at date: Date) -> UUID {
        let now = UUIDv7.milliseconds(of: date)
        var random = SystemRandomNumberGenerator()
        let (ms, counter) = last.withLock { last in
            if now > last.milliseconds || now + Self.backwardTolerance < last.milliseconds {
                last.milliseconds = now
                last.counter = random.next() & (Self.counterMax >> 1)
            } else if last.counter < Self.counterMax {
                last.counter += 1
            } else {
                // Counter exhausted within one millisecond: borrow the next millisecond, as §6.2 allows.
                last.milliseconds += 1
                last.counter = random.next() & (Self.counterMax >> 1)
            }
            return (last.milliseconds, last.counter)
        }
        return UUIDv7.make(milliseconds: ms, counter: counter, random: random.next())
    }
}

private final class IncrementingState: Sendable {
    private let value: Mutex<UInt64>

    init(_ start: UInt64) {
        value = Mutex(start)
    }

    func take() -> UInt64 {
        value.withLock { value in
            defer { value &+= 1 }
            return value
        }
    }
}
