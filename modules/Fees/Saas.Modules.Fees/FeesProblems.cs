namespace Saas.Modules.Fees;

/// <summary>
/// The fees module's problem catalogue (docs/adr/0012): one factory per code; the title is the text
/// <c>problem.{code}</c> in <c>Texts/fees.texts.*.json</c>.
/// </summary>
internal static class FeesProblems
{
    public static SaasProblemException CaseNotFound(Guid id) => Problem.NotFound("fee-case-not-found", id.ToString());

    public static SaasProblemException CalculationNotFound(Guid id) => Problem.NotFound("fee-calculation-not-found", id.ToString());

    public static SaasProblemException TariffNotFound(string tariff, DateOnly date) =>
        Problem.NotFound("fee-tariff-not-found", tariff, ("tariff", tariff), ("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public static SaasProblemException OutcomeUnknown(string outcome, string known) =>
        Problem.Unprocessable("fee-outcome-unknown", outcome, ("outcome", outcome), ("known", known));

    public static SaasProblemException FactsInvalid(string name) => Problem.Unprocessable("fee-facts-invalid", name, ("name", name));

    public static SaasProblemException RuleFailed(string rule, string detail) => Problem.Unprocessable("fee-rule-failed", detail, ("rule", rule));

    public static SaasProblemException RuleInvalid(string path, string detail) => Problem.Unprocessable("fee-rule-invalid", detail, ("path", path));

    public const string PaymentNotFoundCode = "fee-payment-not-found";
    public const string AnswerInvalid = "fee-provider-answer-invalid";
    public const string Refused = "fee-provider-refused";

    public static SaasProblemException PaymentNotFound(Guid id) => Problem.NotFound(PaymentNotFoundCode, id.ToString());

    public static SaasProblemException NothingToPay(Guid calculation) => Problem.Conflict("fee-nothing-to-pay", calculation.ToString());

    public static SaasProblemException PaymentPurposeInvalid(string purpose) =>
        Problem.Unprocessable("fee-payment-purpose-invalid", purpose, ("purpose", purpose), ("max", 27));

    public static SaasProblemException PaymentRequestInvalid(string requestId) => Problem.Unprocessable("fee-payment-request-invalid", requestId, ("request", requestId));

    /// <summary>The provider could not be reached or did not answer in time (502: the fault is not the caller's).</summary>
    public static SaasProblemException ProviderUnreachable(string where, string detail) =>
        new(StatusCodes.Status502BadGateway, "fee-provider-unreachable", Problem.Title("fee-provider-unreachable", ("where", where)), detail);

    public static SaasProblemException ProviderRefused(string where, int status) =>
        new(StatusCodes.Status502BadGateway, Refused, Problem.Title(Refused, ("where", where), ("status", status)), $"{where}: HTTP {status}");

    /// <summary>An answer too large, not JSON, with an unknown field or status: located by the request and the JSON path.</summary>
    public static SaasProblemException ProviderAnswerInvalid(string where, string path, string detail) =>
        new(StatusCodes.Status502BadGateway, AnswerInvalid, Problem.Title(AnswerInvalid, ("where", where), ("path", path)), $"{where} {path}: {detail}");

    public static SaasProblemException ProviderUnknownTransaction(string transaction) =>
        Problem.Conflict("fee-provider-unknown-transaction", transaction, ("transaction", transaction));

    public static SaasProblemException ProviderAmountChanged(string transaction, decimal expected, decimal answered) =>
        Problem.Conflict("fee-provider-amount-changed", transaction, ("transaction", transaction), ("expected", Money.Euro(expected)), ("answered", Money.Euro(answered)));

    public static SaasProblemException ProviderStatusBackwards(string transaction, string from, string to) =>
        Problem.Conflict("fee-provider-status-backwards", transaction, ("transaction", transaction), ("from", from), ("to", to));

    public static SaasProblemException RefundNotFound(Guid id) => Problem.NotFound("fee-refund-not-found", id.ToString());

    public static SaasProblemException RefundNotPaid(Guid payment, string status) =>
        Problem.Conflict("fee-refund-not-paid", payment.ToString(), ("status", status));

    public static SaasProblemException RefundReasonMissing() => Problem.Unprocessable("fee-refund-reason-missing");

    public static SaasProblemException RefundAmountInvalid(decimal amount) =>
        Problem.Unprocessable("fee-refund-amount-invalid", amount.ToString(CultureInfo.InvariantCulture), ("amount", amount));

    public static SaasProblemException RefundExceedsPaid(decimal paid, decimal refunded, decimal asked) =>
        Problem.Conflict("fee-refund-exceeds-paid", null, ("paid", Money.Euro(paid)), ("refunded", Money.Euro(refunded)), ("asked", Money.Euro(asked)));

    public static SaasProblemException RefundDecided(Guid id) => Problem.Conflict("fee-refund-decided", id.ToString());

    /// <summary>Four eyes: the one who asked for a refund may not approve it (403: the person, not the request, is wrong).</summary>
    public static SaasProblemException RefundSamePerson(Guid id) =>
        new(StatusCodes.Status403Forbidden, "fee-refund-same-person", Problem.Title("fee-refund-same-person"), id.ToString());

    public static SaasProblemException ScheduleConflict(string code, string schedule) =>
        Problem.Conflict("fee-schedule-conflict", code, ("code", code), ("schedule", schedule));
}
