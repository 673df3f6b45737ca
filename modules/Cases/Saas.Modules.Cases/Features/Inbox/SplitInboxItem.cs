using Saas.Modules.Cases.Features.Ingest;
using Saas.Modules.Cases.Features.Text;

namespace Saas.Modules.Cases.Features.Inbox;

/// <param name="Ranges">The parts as the caseworker writes them, "1-2, 3, 4-7" (<see cref="PageRanges"/>).</param>
internal sealed record SplitInboxItemRequest(Guid Id, string? Ranges);

internal sealed record SplitInboxItemResult(IReadOnlyList<Guid> Parts);

/// <summary>
/// Splits an open PDF item at the page boundaries the caseworker chose (a scan stack that holds several letters):
/// each part becomes a new open item with its own blob, its own text and suggestions, received when the original
/// was (so it keeps its place in the inbox), naming the original and its pages; the original becomes
/// <see cref="InboxItemStatus.Split"/>, audited in the same unit of work. The pages are cut with poppler (as the
/// scan path does) before the transaction; of two caseworkers acting on the item, one wins, the other gets 409.
/// </summary>
internal sealed class SplitInboxItem(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, AssignmentSuggester suggester, IOptions<CasesOptions> settings,
    ITexts texts, ICurrentActor actor, TimeProvider clock)
{
    public async Task<SplitInboxItemResult> ExecuteAsync(SplitInboxItemRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var original = await ReadInboxItem.FindAsync(db, request.Id, ct);
        InboxItemStatus.EnsureCanBecome(original.Status, InboxItemStatus.Split);
        if (original.ContentType != "application/pdf")
        {
            throw CasesProblems.InboxSplitNotPdf();
        }

        var limit = ToolLimits.Of(settings.Value, TimeSpan.FromSeconds(settings.Value.Ingest.ToolTimeoutSeconds));
        var tools = new ScanTools(limit);
        var extractor = new PageTextExtractor(limit, 5);
        var work = Directory.CreateTempSubdirectory("saas-split-");
        var parts = new List<InboxItem>();
        try
        {
            var path = Path.Combine(work.FullName, "item.pdf");
            await using (var source = await blobs.OpenReadAsync(original.Sha256, ct))
            await using (var target = File.Create(path))
            {
                await source.CopyToAsync(target, ct);
            }

            var count = original.Pages ?? await tools.CountPagesAsync(path, ct);
            var ranges = PageRanges.Parse(request.Ranges, count, texts);
            var pages = await tools.SplitAsync(path, count, work.FullName, ct);
            foreach (var range in ranges)
            {
                var joined = await tools.JoinAsync([.. pages.Skip(range.First - 1).Take(range.Count)], Path.Combine(work.FullName, $"part-{range.First}.pdf"), ct);
                StoredBlob blob;
                await using (var content = File.OpenRead(joined))
                {
                    blob = await blobs.PutAsync(content, ct);
                }

                var text = string.Join('\n', await extractor.ExtractAsync(joined, "application/pdf", work.FullName, ct));
                var part = new InboxItem
                {
                    Source = original.Source,
                    Reason = original.Reason,
                    Title = $"{original.Title} [{range}]",
                    ContentType = original.ContentType,
                    Sha256 = blob.Sha256,
                    Length = blob.Length,
                    Pages = range.Count,
                    BatchId = original.BatchId,
                    Text = text,
                    ReceivedAt = original.ReceivedAt,
                    SplitFromId = original.Id,
                    SplitPages = range.ToString(),
                };
                AssignmentSuggester.Apply(part, await suggester.SuggestAsync(text, 5, ct));
                parts.Add(part);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
            // The stored PDF cannot be cut (damaged, a tool missing or too slow): the item stays as it is.
            throw CasesProblems.InboxSplitFailed(ex.Message);
        }
        finally
        {
            work.Delete(recursive: true);
        }

        await using var unit = await db.BeginWorkAsync(audit, ct);
        var item = await db.InboxItems.SingleOrDefaultAsync(i => i.Id == request.Id, ct) ?? throw CasesProblems.InboxItemNotFound(request.Id);
        if (item.Version != original.Version)
        {
            throw CasesProblems.InboxItemChanged(); // changed while its pages were being cut
        }

        item.Split(actor.Id, clock.GetUtcNow());
        db.InboxItems.AddRange(parts);
        unit.Record(new AuditEntry("inbox.split", "inbox", item.Id.ToString(),
            $"{parts.Count} parts: {string.Join(", ", parts.Select(p => $"{p.SplitPages} → {p.Id}"))}", PersonalData: true));
        await unit.CommitAsync(CasesProblems.InboxItemChanged, ct);
        return new SplitInboxItemResult([.. parts.Select(p => p.Id)]);
    }
}
