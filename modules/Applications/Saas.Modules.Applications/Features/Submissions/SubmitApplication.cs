using System.Security.Cryptography;
using Npgsql;
using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Applications.Features.Validation;
using Saas.Platform.Audit;
using Saas.Platform.Data;
using Saas.Platform.Outbox;

namespace Saas.Modules.Applications.Features.Submissions;

/// <summary>
/// A submission of <paramref name="Form"/>'s values under <paramref name="IdempotencyKey"/>, from the portal (its draft,
/// <paramref name="DraftId"/>) or the API, by <paramref name="Applicant"/> when one is signed in (docs/adr/0043).
/// </summary>
internal sealed record SubmitApplicationRequest(string Form, JsonObject Values, string? IdempotencyKey, string Language, Guid? DraftId = null,
    Accounts.SignedInApplicant? Applicant = null);

/// <summary>What the applicant gets back: the receipt number, and whether this was a repeat of an earlier submit.</summary>
internal sealed record SubmissionReceipt(Guid Id, string Form, int FormVersion, string ReceiptNumber, DateTimeOffset SubmittedAt, string Language,
    JsonObject Answers, bool Repeated);

/// <summary>
/// Validates the whole form on the server (<see cref="SubmissionValidator"/>) and stores the accepted values once
/// (docs/adr/0035): the insert relies on the unique key of (authority, Idempotency-Key) alone — no look-up first — so a
/// repeated or concurrent submit with the same key loses in the database and is answered with the first one's receipt.
/// A key used for another form is a conflict. Errors are a 422 problem with every error by path, in the applicant's language.
/// </summary>
internal sealed class SubmitApplication(ApplicationsDbContext db, PublishedForms forms, IAuditTrail audit, TimeProvider clock)
{
    private const string ReceiptAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<SubmissionReceipt> ExecuteAsync(SubmitApplicationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.IdempotencyKey?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            throw ApplicationsProblems.IdempotencyKeyMissing();
        }

        var form = await forms.GetAsync(request.Form, ct);
        var now = clock.GetUtcNow();
        var result = new SubmissionValidator(form.Compiled).Validate(request.Values ?? [], DateOnly.FromDateTime(now.UtcDateTime));
        if (!result.Succeeded)
        {
            throw ApplicationsProblems.Invalid(Errors(result));
        }

        var evidence = await EvidenceOfAsync(form, result, request.DraftId, key, ct);
        // Whose it is: the draft's applicant, or who submits it signed in (a guest's draft becomes theirs). The trust
        // level is that of the sign-in it was submitted with, and only when it is the owner's.
        var owner = request.DraftId is { } draft
            ? await db.Drafts.Where(d => d.Id == draft).Select(d => d.ApplicantSubject).SingleOrDefaultAsync(ct) ?? request.Applicant?.Subject
            : request.Applicant?.Subject;
        var trust = owner is not null && owner == request.Applicant?.Subject ? request.Applicant.TrustLevel : null;
        var answers = new JsonObject();
        var fimValues = new JsonObject();
        foreach (var accepted in result.Accepted)
        {
            FormValues.Set(answers, accepted.Path, accepted.Value is EvidenceValue named ? evidence[named.Id].ToAnswer() : FormValues.ToNode(accepted.Value));
            if (accepted.Fim is { } fim)
            {
                fimValues[accepted.Path] = new JsonObject { ["id"] = fim.Id, ["version"] = fim.Version };
            }
        }

        var fimDocument = new JsonObject
        {
            ["form"] = result.Form is { } f ? new JsonObject { ["id"] = f.Id, ["version"] = f.Version, ["standard"] = form.Definition.FimStandard } : null,
            ["values"] = fimValues,
        };
        for (var attempt = 0; ; attempt++)
        {
            var submission = new SubmissionRecord
            {
                FormKey = form.Key,
                FormVersion = form.Version,
                Answers = answers.ToJsonString(),
                Fim = fimDocument.ToJsonString(),
                Language = StartDraft.Language(request.Language),
                ReceiptNumber = NewReceiptNumber(now),
                IdempotencyKey = key,
                SubmittedAt = now,
                ApplicantSubject = owner,
                TrustLevel = trust,
            };
            try
            {
                await using var work = await db.BeginWorkAsync(audit, ct);
                db.Submissions.Add(submission);
                // Inserted first: a repeat's key loses here, before its evidence (claimed by the first) is looked at.
                await db.SaveChangesAsync(ct);
                var ids = evidence.Keys.ToArray();
                if (ids.Length > 0 && await db.Evidence.Where(e => ids.Contains(e.Id) && e.SubmissionId == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(e => e.SubmissionId, submission.Id), ct) != ids.Length)
                {
                    throw ApplicationsProblems.EvidenceTaken();
                }

                if (request.DraftId is { } draftId)
                {
                    await db.Drafts.Where(d => d.Id == draftId).ExecuteUpdateAsync(u => u.SetProperty(d => d.SubmissionId, submission.Id).SetProperty(d => d.UpdatedAt, now), ct);
                }

                db.AddIntegrationEvent(new Contracts.ApplicationSubmitted(Guid.NewGuid(), db.CurrentTenantId, now, submission.Id, form.Key, submission.ReceiptNumber));
                work.Record(new AuditEntry("applications.submission.create", "submission", submission.Id.ToString(), $"{form.Key} v{form.Version} {submission.ReceiptNumber}", PersonalData: true));
                await work.CommitAsync(ct);
                return Receipt(submission, repeated: false);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
            {
                db.ChangeTracker.Clear();
                if (unique.ConstraintName == SubmissionRecord.ReceiptConstraint && attempt < 3)
                {
                    continue;
                }

                if (unique.ConstraintName != SubmissionRecord.IdempotencyConstraint)
                {
                    throw;
                }
            }

            // The key was used before: its submission is the answer (never a second one).
            var first = await db.Submissions.AsNoTracking().FirstAsync(s => s.IdempotencyKey == key, ct);
            if (first.FormKey != form.Key)
            {
                throw ApplicationsProblems.IdempotencyKeyReused();
            }

            return Receipt(first, repeated: true);
        }
    }

    /// <summary>
    /// The kept files the accepted values name, by id (docs/adr/0042): each must have been kept for this form's field at
    /// that path, for this draft (or, from the API, for none), and not be claimed by another submission (a repeat of the same key is
    /// answered with its first receipt); otherwise the
    /// application is refused with the error at the field. Name, type and size come from the kept file, never the post.
    /// </summary>
    private async Task<Dictionary<Guid, Evidence.EvidenceRecord>> EvidenceOfAsync(PortalForm form, SubmissionResult result, Guid? draftId, string key, CancellationToken ct)
    {
        var named = result.Accepted.Where(a => a.Value is EvidenceValue).Select(a => (a.Path, Value: (EvidenceValue)a.Value)).ToList();
        if (named.Count == 0)
        {
            return [];
        }

        var ids = named.Select(n => n.Value.Id).Distinct().ToArray();
        var kept = await db.Evidence.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        // A repeat of this key names the files its first submission claimed: that submission's receipt is the answer.
        var claimers = kept.Values.Where(e => e.SubmissionId is not null).Select(e => e.SubmissionId!.Value).Distinct().ToArray();
        var ours = claimers.Length == 0 ? [] : await db.Submissions.AsNoTracking().Where(x => claimers.Contains(x.Id) && x.IdempotencyKey == key).Select(x => x.Id).ToListAsync(ct);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = new HashSet<Guid>();
        foreach (var (path, value) in named)
        {
            if (!kept.TryGetValue(value.Id, out var row) || row.FormKey != form.Key || row.FieldPath != Evidence.KeepEvidence.FieldPathOf(path)
                || row.DraftId != draftId || (row.SubmissionId is { } claimer && !ours.Contains(claimer)) || !seen.Add(value.Id))
            {
                errors[path] = [TextCatalog.Shared.Format(new LocalizedText("applications.submission.evidence-unknown"))];
            }
        }

        return errors.Count > 0 ? throw ApplicationsProblems.Invalid(errors) : kept;
    }

    /// <summary>Every error by its path, in the request's language (the applicant's).</summary>
    public static Dictionary<string, string[]> Errors(SubmissionResult result) =>
        result.Errors.GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Format(CultureInfo.CurrentUICulture)).ToArray(), StringComparer.Ordinal);

    internal static SubmissionReceipt Receipt(SubmissionRecord s, bool repeated) =>
        new(s.Id, s.FormKey, s.FormVersion, s.ReceiptNumber, s.SubmittedAt, s.Language, s.ReadAnswers(), repeated);

    /// <summary>Year and eight letters or digits without 0/O and 1/I (read out on the phone without mistakes): <c>2026-K7QH-3MXD</c>.</summary>
    private static string NewReceiptNumber(DateTimeOffset now)
    {
        var chars = RandomNumberGenerator.GetItems<char>(ReceiptAlphabet, 8);
        return $"{now.Year.ToString(CultureInfo.InvariantCulture)}-{new string(chars, 0, 4)}-{new string(chars, 4, 4)}";
    }
}

/// <summary>A submission by its id (the receipt page of a submitted draft).</summary>
internal sealed class ReadSubmission(ApplicationsDbContext db)
{
    public async Task<SubmissionReceipt> ExecuteAsync(Guid id, CancellationToken ct) =>
        await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } submission
            ? SubmitApplication.Receipt(submission, repeated: false)
            : throw ApplicationsProblems.DraftNotFound();
}
