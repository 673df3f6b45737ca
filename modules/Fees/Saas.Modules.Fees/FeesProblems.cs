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

    public static SaasProblemException ScheduleConflict(string code, string schedule) =>
        Problem.Conflict("fee-schedule-conflict", code, ("code", code), ("schedule", schedule));
}
