namespace Saas.Modules.Applications;

/// <summary>
/// The applications module's problem catalogue (docs/adr/0012): one factory per code; the title is the text
/// <c>problem.{code}</c> in <c>Features/Portal/Texts/applications.portal.texts.*.json</c>.
/// </summary>
internal static class ApplicationsProblems
{
    /// <summary>No published form of that key (or it cannot be read): the same answer for every authority's keys.</summary>
    public static SaasProblemException FormNotFound(string form) => Problem.NotFound("application-form-not-found", null, ("form", form));

    /// <summary>A draft link that this authority does not know, or that ran out.</summary>
    public static SaasProblemException DraftNotFound() => Problem.NotFound("application-draft-not-found");

    public static SaasProblemException EmailInvalid() => Problem.Unprocessable("application-email-invalid", "email");

    public static SaasProblemException ResumeMailsExhausted(int max) => Problem.TooManyRequests("application-resume-mails-exhausted", "email", ("max", max));

    /// <summary>Neither <c>Saas:PublicBaseUrl</c> nor a host name of the authority: there is no link a person could open.</summary>
    public static SaasProblemException NoPublicAddress() => Problem.Conflict("application-no-public-address", "email");

    public static SaasProblemException StepNotFound() => Problem.NotFound("application-step-not-found");

    public static SaasProblemException IdempotencyKeyMissing() => Problem.BadRequest("application-idempotency-key-missing");

    /// <summary>A key already used for another form, or a draft's form that carries another key than the draft's.</summary>
    public static SaasProblemException IdempotencyKeyReused() => Problem.Conflict("application-idempotency-key-reused");

    /// <summary>The application was refused: every error by its path (<c>kinder[1].name</c>), in the applicant's language.</summary>
    public static SaasProblemException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status422UnprocessableEntity, "application-invalid", Problem.Title("application-invalid"), null, errors);
}
