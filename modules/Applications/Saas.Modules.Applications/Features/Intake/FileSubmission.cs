using System.Text;
using Saas.Modules.Applications.Features.Definitions;
using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Applications.Features.Submissions;
using Saas.Modules.Applications.Features.Validation;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Letters.Contracts;
using Saas.Modules.Workflows.Contracts;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Storage;

namespace Saas.Modules.Applications.Features.Intake;

/// <summary>A caseworker's answer to "whose file is it": one of the files, or a new file although some look alike.</summary>
internal sealed record PersonChoice(Guid? CaseFileId, bool NewFile);

/// <summary>
/// Files a submission into the e-Akte (docs/adr/0042), step by step, each step remembered on the submission so that a
/// run after a crash or a refusal goes on where the last one stopped: the person's file (by the file number the
/// applicant gave, when its person matches; by name and birth date when exactly one file surely matches; a new one
/// when none is alike; otherwise a caseworker chooses), a case of the kind the form's process runs on, each kept
/// evidence as a document of that case (the field's document type), the Eingangsbestätigung, and the process started. Every step is the
/// e-Akte's or the process's own use case, audited there. A refusal (a problem) is kept with the submission as
/// <c>failed</c>; anything else is thrown, so the outbox tries again later.
/// </summary>
internal sealed class FileSubmission(ApplicationsDbContext db, PublishedForms forms, ICaseFiles caseFiles, ICaseFileDirectory directory, ICaseRecords cases,
    ICaseDocuments documents, ICaseProcesses processes, ILetters letters, IBlobStore blobs, IAuditTrail audit, TimeProvider clock)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public async Task<SubmissionRecord> ExecuteAsync(Guid submissionId, PersonChoice? choice, CancellationToken ct)
    {
        var submission = await db.Submissions.SingleOrDefaultAsync(s => s.Id == submissionId, ct) ?? throw ApplicationsProblems.SubmissionNotFound();
        if (submission.IntakeStatus == IntakeStatuses.Filed)
        {
            return submission;
        }

        var form = await forms.GetVersionAsync(submission.FormKey, submission.FormVersion, ct) ?? await forms.GetAsync(submission.FormKey, ct);
        if (form.Definition.Intake is not { } intake)
        {
            return submission;
        }

        try
        {
            if (submission.CaseFileId is null && !await PersonAsync(submission, intake, choice, ct))
            {
                return submission;
            }

            if (submission.CaseId is null)
            {
                var kind = await processes.CaseKindAsync(intake.Process, ct) ?? throw ApplicationsProblems.IntakeProcessMissing(intake.Process);
                var title = $"{intake.Title["de"] ?? form.Definition.Title["de"] ?? form.Key} ({submission.ReceiptNumber})";
                submission.CaseId = (await cases.OpenAsync(submission.CaseFileId!.Value, kind, title.Length <= 300 ? title : title[..300], ct)).Id;
                await db.SaveChangesAsync(ct);
            }

            await EvidenceAsync(submission, form, intake, ct);
            await ReceiptAsync(submission, form, intake, ct);
            if (submission.ProcessInstanceId is null)
            {
                var running = await processes.FindByCaseAsync(submission.CaseId.Value, ct)
                    ?? await processes.StartAsync(submission.CaseId.Value, intake.Process, intake.LegalBasis, ct);
                submission.ProcessInstanceId = running.InstanceId;
            }

            await SetAsync(submission, IntakeStatuses.Filed, null, [], $"file {submission.CaseFileId}, case {submission.CaseId}", ct);
        }
        catch (SaasProblemException problem)
        {
            db.ChangeTracker.Clear();
            submission = await db.Submissions.SingleAsync(s => s.Id == submissionId, ct);
            var reason = $"{problem.Code}: {TextCatalog.Shared.Format(problem.Title, German)}";
            await SetAsync(submission, IntakeStatuses.Failed, reason.Length <= 2000 ? reason : reason[..2000], submission.Candidates, reason, ct);
        }

        return submission;
    }

    /// <summary>Finds or opens the person's file; false when a caseworker must choose (the candidates are kept).</summary>
    private async Task<bool> PersonAsync(SubmissionRecord submission, FormIntake intake, PersonChoice? choice, CancellationToken ct)
    {
        var answers = submission.ReadAnswers();
        var person = new NewCaseFile(Text(answers, intake.Person.Surname) ?? "", Text(answers, intake.Person.GivenNames),
            DateOnly.TryParseExact(Text(answers, intake.Person.BirthDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth) ? birth : null, []);
        CaseFileSummary? file = null;
        IReadOnlyList<CaseFileSummary> candidates = [];
        if (choice is { CaseFileId: { } chosen })
        {
            file = await directory.FindAsync(chosen, ct) ?? throw ApplicationsProblems.IntakeFileNotFound();
        }
        else if (choice is { NewFile: true })
        {
            file = (await caseFiles.OpenAsync(person, confirmDuplicate: true, ct)).Opened;
        }
        else
        {
            if (Text(answers, intake.Person.FileNumber) is { Length: > 0 } number && await caseFiles.FindByNumberAsync(number, ct) is { } numbered)
            {
                // The number the applicant gave counts only when its file is this person's; otherwise a caseworker looks.
                if (SamePerson(numbered, person))
                {
                    file = numbered;
                }
                else
                {
                    candidates = [numbered];
                }
            }

            if (file is null && candidates.Count == 0)
            {
                var alike = await directory.SearchPersonsAsync($"{person.Surname} {person.GivenNames}".Trim(), person.BirthDate, 10, ct);
                var sure = alike.Where(f => SamePerson(f, person)).ToList();
                if (sure.Count == 1)
                {
                    file = sure[0];
                }
                else if (alike.Count > 0)
                {
                    candidates = alike;
                }
                else
                {
                    var opening = await caseFiles.OpenAsync(person, confirmDuplicate: false, ct);
                    (file, candidates) = (opening.Opened, opening.ProbableDuplicates);
                }
            }
        }

        if (file is null)
        {
            await SetAsync(submission, IntakeStatuses.PersonUnclear, null, [.. candidates.Select(c => c.Id)], $"{candidates.Count} candidates", ct);
            return false;
        }

        submission.CaseFileId = file.Id;
        submission.Candidates = [];
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Each kept file of the submission not filed yet becomes a document of the case, as its field's evidence type says.</summary>
    private async Task EvidenceAsync(SubmissionRecord submission, PortalForm form, FormIntake intake, CancellationToken ct)
    {
        var pending = await db.Evidence.Where(e => e.SubmissionId == submission.Id && e.DocumentId == null && e.FieldPath != Evidence.KeepEvidence.MessageFieldPath).OrderBy(e => e.UploadedAt).ToListAsync(ct);
        foreach (var evidence in pending)
        {
            var type = form.Definition.Fields.FirstOrDefault(f => f.FullPath == evidence.FieldPath)?.Evidence ?? intake.DocumentType;
            byte[] bytes;
            await using (var content = await blobs.OpenReadAsync(evidence.Sha256, ct))
            {
                using var copy = new MemoryStream((int)Math.Min(evidence.Bytes, int.MaxValue));
                await content.CopyToAsync(copy, ct);
                bytes = copy.ToArray();
            }

            evidence.DocumentId = await documents.AddGeneratedAsync(submission.CaseFileId!.Value, submission.CaseId, type, evidence.Name, evidence.ContentType, bytes, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// The Eingangsbestätigung (the intake's <c>receiptLetter</c>) through the letters pipeline into the case, once: every
    /// answer as the applicant read it, in their language where the form offers it, and the evidence received.
    /// </summary>
    private async Task ReceiptAsync(SubmissionRecord submission, PortalForm form, FormIntake intake, CancellationToken ct)
    {
        if (intake.ReceiptLetter is not { } letter || submission.ReceiptDocumentId is not null)
        {
            return;
        }

        var language = form.Definition.Languages.Contains(submission.Language, StringComparer.Ordinal) ? submission.Language : "de";
        var evidence = await db.Evidence.AsNoTracking().Where(e => e.SubmissionId == submission.Id && e.FieldPath != Evidence.KeepEvidence.MessageFieldPath).OrderBy(e => e.FieldPath).ThenBy(e => e.UploadedAt)
            .Select(e => e.Name).ToListAsync(ct);
        var previous = CultureInfo.CurrentUICulture;
        Dictionary<string, string> values;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            var answers = submission.ReadAnswers();
            var check = new SubmissionValidator(form.Compiled).Validate(FormValues.WithoutComputed(form.Definition, answers), DateOnly.FromDateTime(submission.SubmittedAt.UtcDateTime));
            var lines = new FormView(form, answers, check, new Dictionary<string, string[]>()).AnswerLines();
            var local = TimeZoneInfo.ConvertTime(submission.SubmittedAt, Berlin);
            values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["formTitle"] = FormView.Plain(form.Definition.Title),
                ["receiptNumber"] = submission.ReceiptNumber,
                ["submittedAt"] = local.ToString(language == "de" ? "dd.MM.yyyy, HH:mm 'Uhr'" : "yyyy-MM-dd, HH:mm", CultureInfo.InvariantCulture),
                ["answers"] = string.Join('\n', lines.Select(l => Line(l.Label) + "\t" + Line(l.Answer))),
                ["evidence"] = string.Join('\n', evidence.Select(Line)),
            };
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        var produced = await letters.ProduceAsync(new LetterRequest(letter, submission.CaseFileId!.Value, submission.CaseId, language, values), ct);
        submission.ReceiptDocumentId = produced.DocumentId;
        await db.SaveChangesAsync(ct);
    }

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>A text on one line of the letter's list: its own line breaks and tabs become spaces.</summary>
    private static string Line(string text) => text.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    private async Task SetAsync(SubmissionRecord submission, string status, string? error, Guid[] candidates, string detail, CancellationToken ct)
    {
        submission.IntakeStatus = status;
        submission.IntakeError = error;
        submission.Candidates = candidates;
        submission.FiledAt = status == IntakeStatuses.Filed ? clock.GetUtcNow() : null;
        await using var work = await db.BeginWorkAsync(audit, ct);
        work.Record(new AuditEntry("applications.submission." + status, "submission", submission.Id.ToString(), detail.Length <= 500 ? detail : detail[..500],
            PersonalData: true));
        await work.CommitAsync(ct);
    }

    /// <summary>Sure only when surname, given names (where both have them) and birth date are the same, ignoring case and accents.</summary>
    internal static bool SamePerson(CaseFileSummary file, NewCaseFile person) =>
        Plain(file.Surname) == Plain(person.Surname) && file.BirthDate is not null && file.BirthDate == person.BirthDate
        && (string.IsNullOrWhiteSpace(file.GivenNames) || string.IsNullOrWhiteSpace(person.GivenNames) || Plain(file.GivenNames) == Plain(person.GivenNames));

    private static string Plain(string? name)
    {
        var decomposed = (name ?? "").Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        return string.Concat(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)).Replace("ß", "ss", StringComparison.Ordinal);
    }

    private static string? Text(JsonObject answers, string? path) => path is null ? null : FormValues.Text(FormValues.Get(answers, path))?.Trim();
}
