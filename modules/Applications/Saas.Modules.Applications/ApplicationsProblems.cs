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

    /// <summary>A kept file was claimed by another submission while this one was being stored.</summary>
    public static SaasProblemException EvidenceTaken() => Problem.Conflict("application-evidence-taken", "evidence");

    /// <summary>A message with no text, or one longer than <paramref name="max"/> characters (docs/adr/0044).</summary>
    public static SaasProblemException MessageInvalid(int max) => Problem.Unprocessable("application-message-invalid", "text", ("max", max));

    /// <summary>The submission is not in the e-Akte yet (its intake has not filed it): a message could not be filed with it.</summary>
    public static SaasProblemException MailboxNotOpen() => Problem.Conflict("application-mailbox-not-open");

    /// <summary>No submission of that id in this authority.</summary>
    public static SaasProblemException SubmissionNotFound() => Problem.NotFound("application-submission-not-found");

    /// <summary>The form's intake names a process this authority has not published.</summary>
    public static SaasProblemException IntakeProcessMissing(string process) => Problem.Conflict("application-intake-process-missing", "intake.process", ("process", process));

    /// <summary>The file a caseworker chose does not exist in this authority.</summary>
    public static SaasProblemException IntakeFileNotFound() => Problem.NotFound("application-intake-file-not-found", "caseFileId");

    /// <summary>A person choice for a submission that waits for none, or one that names neither a file nor a new one.</summary>
    public static SaasProblemException IntakeChoiceRefused() => Problem.Conflict("application-intake-choice-refused", "caseFileId");

    /// <summary>An evidence upload without exactly one file in the multipart field <c>file</c>.</summary>
    public static SaasProblemException EvidenceMissing() => Problem.BadRequest("application-evidence-missing", "file");

    /// <summary>The Eingangsbestätigung is not written yet (the intake runs in the background) or the form has none.</summary>
    public static SaasProblemException ReceiptLetterNotReady() => Problem.NotFound("application-receipt-letter-not-ready");
}
