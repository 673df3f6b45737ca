using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Applications.Features.Submissions;
using Saas.Modules.Cases.Contracts;
using Saas.Platform.Audit;

namespace Saas.Modules.Applications.Features.Intake;

/// <summary>A kept file of a submission, and the e-Akte document it became once filed.</summary>
internal sealed record IntakeEvidence(Guid Id, string Field, string Name, string ContentType, long Bytes, Guid? DocumentId);

/// <summary>A submission as the online intake shows it to caseworkers: who it names, where it stands, whose file it might be.</summary>
internal sealed record IntakeItem(Guid Id, string Form, int FormVersion, string ReceiptNumber, DateTimeOffset SubmittedAt, string Language, string Status,
    string? Error, string? Surname, string? GivenNames, string? BirthDate, string? FileNumber, Guid? CaseFileId, Guid? CaseId, Guid? ProcessInstanceId,
    DateTimeOffset? FiledAt, IReadOnlyList<CaseFileSummary> Candidates, IReadOnlyList<IntakeEvidence> Evidence);

/// <summary>
/// The online intake (docs/adr/0042): the authority's submissions, newest first, optionally of one status (at most
/// 200), or one with its candidates and evidence. Reading it is recorded (<c>applications.intake.read</c>): it shows
/// applicants' names.
/// </summary>
internal sealed class ReadIntake(ApplicationsDbContext db, PublishedForms forms, ICaseFileDirectory directory, IAuditTrail audit)
{
    public const int MaxItems = 200;

    public async Task<IReadOnlyList<IntakeItem>> ListAsync(string? status, CancellationToken ct)
    {
        var query = db.Submissions.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            query = query.Where(s => s.IntakeStatus == status);
        }

        var rows = await query.OrderByDescending(s => s.SubmittedAt).Take(MaxItems).ToListAsync(ct);
        var items = await ItemsAsync(rows, ct);
        await audit.RecordAsync(new AuditEntry("applications.intake.read", "intake", status ?? "all", $"{items.Count} submissions", PersonalData: true), ct);
        return items;
    }

    public async Task<IntakeItem> OneAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw ApplicationsProblems.SubmissionNotFound();
        var item = (await ItemsAsync([row], ct))[0];
        await audit.RecordAsync(new AuditEntry("applications.intake.read", "submission", id.ToString(), row.ReceiptNumber, PersonalData: true), ct);
        return item;
    }

    internal async Task<IReadOnlyList<IntakeItem>> ItemsAsync(IReadOnlyList<SubmissionRecord> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var evidence = (await db.Evidence.AsNoTracking().Where(e => e.SubmissionId != null && ids.Contains(e.SubmissionId.Value) && e.FieldPath != Evidence.KeepEvidence.MessageFieldPath).OrderBy(e => e.UploadedAt).ToListAsync(ct))
            .ToLookup(e => e.SubmissionId!.Value);
        var candidates = (await directory.FindManyAsync([.. rows.SelectMany(r => r.Candidates).Distinct()], ct)).ToDictionary(c => c.Id);
        var definitions = new Dictionary<(string, int), PortalForm?>();
        var items = new List<IntakeItem>(rows.Count);
        foreach (var row in rows)
        {
            if (!definitions.TryGetValue((row.FormKey, row.FormVersion), out var form))
            {
                definitions[(row.FormKey, row.FormVersion)] = form = await forms.GetVersionAsync(row.FormKey, row.FormVersion, ct);
            }

            var person = form?.Definition.Intake?.Person;
            var answers = row.ReadAnswers();
            items.Add(new IntakeItem(row.Id, row.FormKey, row.FormVersion, row.ReceiptNumber, row.SubmittedAt, row.Language, row.IntakeStatus, row.IntakeError,
                Text(answers, person?.Surname), Text(answers, person?.GivenNames), Text(answers, person?.BirthDate), Text(answers, person?.FileNumber),
                row.CaseFileId, row.CaseId, row.ProcessInstanceId, row.FiledAt,
                [.. row.Candidates.Where(candidates.ContainsKey).Select(c => candidates[c])],
                [.. evidence[row.Id].Select(e => new IntakeEvidence(e.Id, e.FieldPath, e.Name, e.ContentType, e.Bytes, e.DocumentId))]));
        }

        return items;
    }

    private static string? Text(JsonObject answers, string? path) => path is null ? null : FormValues.Text(FormValues.Get(answers, path));
}
