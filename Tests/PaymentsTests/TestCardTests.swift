import Payments
import Testing

@Suite("Test cards")
struct TestCardTests {
    @Test(
        "each documented number has its behaviour",
        arguments: [
            (TestCard.approves, TestCard.approve),
            (TestCard.insufficientFunds, .decline(.insufficientFunds)),
            (TestCard.declines, .decline(.cardDeclined)),
            (TestCard.requiresChallenge, .challenge),
            (TestCard.timesOutAfterCharge, .timeOutAfterCharge),
            (TestCard.timesOutBeforeCharge, .timeOutBeforeCharge),
            ("5555 5555 5555 4444", .approve),
            ("4242424242424241", .decline(DeclineReason(rawValue: "invalid_number"))),
            ("42", .decline(DeclineReason(rawValue: "invalid_number"))),
        ])
    func behaviour(number: String, expected: TestCard) {
        #expect(TestCard.behaviour(of: number) == expected)
    }

    @Test("every documented number is Luhn-valid")
    func luhn() {
        for number in [
            TestCard.approves, TestCard.insufficientFunds, TestCard.declines, TestCard.requiresChallenge,
            TestCard.timesOutAfterCharge, TestCard.timesOutBeforeCharge,
        ] {
            #expect(TestCard.isLuhnValid(number), "\(number)")
        }
    }
}
