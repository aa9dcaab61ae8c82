import Foundation
import Testing
import TorvCore

@Suite struct ClockTests {
    @Test("the system clock reads the real time")
    func system() {
        let before = Date()
        let now = WallClock.system.now()
        #expect(now >= before && now.timeIntervalSince(before) < 5)
    }

    @Test("a fixed clock always reads the same moment")
    func fixed() {
        let clock = WallClock.fixed(sampleDate)
        #expect(clock.now() == sampleDate && clock.now() == sampleDate)
    }

    @Test("a manual clock moves only when told, and its wall clock follows")
    func manual() {
        let clock = ManualClock(sampleDate)
        let wall = clock.wallClock
        #expect(wall.now() == sampleDate)
        clock.advance(by: 90)
        #expect(clock.now == sampleDate.addingTimeInterval(90))
        #expect(wall.now() == sampleDate.addingTimeInterval(90))
        clock.set(Date(timeIntervalSince1970: 0))
        #expect(wall.now() == Date(timeIntervalSince1970: 0))
        clock.now = sampleDate
        #expect(wall.now() == sampleDate)
    }

    @Test("advancing from many tasks at once loses no step")
    func concurrentAdvance() async {
        let clock = ManualClock(Date(timeIntervalSince1970: 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask { clock.advance(by: 1) }
            }
        }
        #expect(clock.now == Date(timeIntervalSince1970: 100))
    }
}
