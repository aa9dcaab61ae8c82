/// Redeems a participant's voucher at the till: the code they show, once.
struct GroupDealVoucherView {
    let voucherKey: String
    let voucherCodeValue: String
    let voucherError: String?

    init(failure: (message: String, form: FormData)?) {
        voucherKey = FormGuard.randomToken()
        voucherCodeValue = failure?.form["code"] ?? ""
        voucherError = failure?.message
    }
}
