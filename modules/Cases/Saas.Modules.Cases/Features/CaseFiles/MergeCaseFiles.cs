using Saas.Modules.Cases.Features.PersonSearch;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>Merging the file <paramref name="SourceId"/> into <paramref name="TargetId"/>, both of the same person.</summary>
/// <param name="SourceVersion">The source's row version the caseworker saw; a change since then is a 409.</param>
/// <param name="TargetVersion">The same for the target.</param>
/// <param name="ConfirmDifferentPersons">The two files' person data differ (birth date, name) and the caseworker merges anyway.</param>
internal sealed record MergeCaseFilesRequest(Guid SourceId, Guid TargetId, uint? SourceVersion = null, uint? TargetVersion = null, bool ConfirmDifferentPersons = false);

internal sealed record MergeCaseFilesResult(Guid SourceId, Guid TargetId, int Documents, int Cases);

/// <summary>
/// Two files of one person become one: every document, case and cover sheet of the source, and its legal holds that
/// are in force, move to the target (a hold keeps protecting the documents it protected); the source's surname and
/// spellings become spellings of the target, so person search still finds the person by them. The source stays as
/// a merged file, read-only, with its history: its audit trail keeps its id, and both files get a <c>casefile.merge</c>
/// record. One transaction with both rows locked (in id order): a race with another merge, a hand-over, an upload or
/// an edit either waits or is a 409 (row versions), and nothing is half moved.
/// </summary>
internal sealed class MergeCaseFiles(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock, Search.IDocumentSearch search)
{
    public async Task<MergeCaseFilesResult> ExecuteAsync(MergeCaseFilesRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.SourceId == request.TargetId)
        {
            throw CasesProblems.MergeIntoItself(request.SourceId);
        }

        await using var work = await db.BeginWorkAsync(audit, ct);
        Guid[] ids = [.. new[] { request.SourceId, request.TargetId }.Order()];
        // Uploads hold the file FOR SHARE until they commit (DocumentWriter): the merge waits for them and takes their documents along.
        await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM cases.case_files WHERE id = ANY({ids}) ORDER BY id FOR UPDATE").ToListAsync(ct);
        var files = await db.CaseFiles.Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        var source = files.GetValueOrDefault(request.SourceId) ?? throw CasesProblems.CaseFileNotFound(request.SourceId);
        var target = files.GetValueOrDefault(request.TargetId) ?? throw CasesProblems.CaseFileNotFound(request.TargetId);
        var staleSource = request.SourceVersion is { } sv && sv != source.Version;
        if (staleSource || (request.TargetVersion is { } tv && tv != target.Version))
        {
            throw CasesProblems.FileChangedMeanwhile(staleSource ? source.Id : target.Id);
        }

        CaseFileStatus.EnsureCanBecome(source, CaseFileStatus.Merged);
        if (!target.IsActive)
        {
            throw CasesProblems.FileNotMergeable(target.Id, target.Status);
        }

        if (!ProbableDuplicates.SamePerson(source, target) && !request.ConfirmDifferentPersons)
        {
            throw CasesProblems.FilesOfDifferentPersons(source.Id, target.Id);
        }

        var movedIds = await db.Documents.Where(d => d.CaseFileId == source.Id).Select(d => d.Id).ToListAsync(ct);
        var documents = await db.Documents.Where(d => d.CaseFileId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.CaseFileId, target.Id), ct);
        var cases = await db.Cases.Where(c => c.CaseFileId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.CaseFileId, target.Id), ct);
        await db.CoverSheets.Where(c => c.CaseFileId == source.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.CaseFileId, target.Id), ct);
        var holds = await db.LegalHolds.Where(h => h.CaseFileId == source.Id && h.ReleasedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.CaseFileId, target.Id), ct);

        var spellings = new[] { source.Surname }.Concat(source.NameVariants)
            .Where(n => !string.Equals(n, target.Surname, StringComparison.OrdinalIgnoreCase) && !target.NameVariants.Contains(n, StringComparer.OrdinalIgnoreCase))
            .Take(Math.Max(0, PersonRules.MaxNameVariants - target.NameVariants.Count)).ToList();
        if (spellings.Count > 0)
        {
            target.ChangePerson(new PersonData(target.Surname, target.GivenNames, target.BirthDate, target.Nationalities, [.. target.NameVariants, .. spellings],
                target.CentralRegisterNumber));
        }

        source.MergeInto(target, actor.Id, clock.GetUtcNow());
        var moved = $"{documents} document(s), {cases} case(s), {holds} legal hold(s)";
        work.Record(new AuditEntry("casefile.merge", "casefile", source.Id.ToString(), $"merged into {target.Id}: {moved}", PersonalData: true));
        work.Record(new AuditEntry("casefile.merge", "casefile", target.Id.ToString(),
            $"merged from {source.Id}: {moved}" + (spellings.Count > 0 ? ", changed: nameVariants" : ""), PersonalData: true));
        await work.CommitAsync(() => CasesProblems.FileChangedMeanwhile(source.Id), ct);
        await ReindexAsync(movedIds, ct);
        return new MergeCaseFilesResult(source.Id, target.Id, documents, cases);
    }

    /// <summary>
    /// An external search index keeps each document's file: the moved documents are indexed again under the target
    /// (PostgreSQL search reads the file from the documents table and needs nothing). After the commit: should this
    /// fail, the merge stands and the index is corrected by its rebuild (SearchIndexRebuilder).
    /// </summary>
    private async Task ReindexAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (search.Provider == "postgres" || ids.Count == 0)
        {
            return;
        }

        var documents = await db.Documents.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        var pages = (await db.Pages.AsNoTracking().Where(p => ids.Contains(p.DocumentId)).OrderBy(p => p.DocumentId).ThenBy(p => p.Page)
                .Select(p => new { p.DocumentId, p.Text }).ToListAsync(ct))
            .GroupBy(p => p.DocumentId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Text)]);
        foreach (var d in documents.Where(d => pages.ContainsKey(d.Id)))
        {
            await search.IndexAsync(new Search.IndexedDocument(d.TenantId, d.Id, d.CaseFileId, d.CaseId, d.DocumentType, d.Title, d.CreatedAt, pages[d.Id]), ct);
        }
    }
}
