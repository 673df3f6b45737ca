using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>A document about to be added to a file; its bytes are already stored and verified.</summary>
internal sealed record NewDocument(
    Guid CaseFileId,
    Guid? CaseId,
    string DocumentType,
    string Title,
    string Source,
    string ContentType,
    StoredBlob Blob,
    bool PaperOriginal,
    int? Pages = null,
    Guid? BatchId = null,
    Guid? InboxItemId = null,
    IReadOnlyList<string>? Text = null);

/// <summary>
/// The one way a document enters a file, whatever its source (upload, scan, mail, transfer, digitisation): the
/// row and the event that starts text extraction go into the caller's transaction together.
/// </summary>
internal static class DocumentWriter
{
    /// <summary>A document's pages in one statement, numbered in order ($1 tenant, $2 document, $3 texts); PostgreSQL computes their search vectors.</summary>
    private const string InsertPages = """
        INSERT INTO cases.document_pages (tenant_id, document_id, page, text)
        SELECT $1, $2, u.page, u.text FROM unnest($3::text[]) WITH ORDINALITY AS u(text, page)
        """;

    /// <summary>A page with fewer letters and digits than this is taken for a scan and read by OCR.</summary>
    public static bool HasText(string page) => page.Count(char.IsLetterOrDigit) >= 10;

    /// <summary>
    /// Stores the pages' text in one statement (the search vector is computed by PostgreSQL), replacing any earlier
    /// text of the document. Call inside the transaction, after the document row was saved.
    /// </summary>
    public static async Task SavePagesAsync(CasesDbContext db, Guid documentId, IReadOnlyList<string> pages, bool replace, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(pages);
        var texts = Clean(pages);
        var tenant = db.CurrentTenantId;
        if (replace)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM cases.document_pages WHERE document_id = {documentId} AND tenant_id = {tenant}", ct)
                ;
        }

        var (connection, transaction) = OpenTransaction(db);
        await using var insert = new NpgsqlCommand(InsertPages, connection, transaction)
        {
            Parameters = { new NpgsqlParameter { Value = tenant }, new NpgsqlParameter { Value = documentId }, new NpgsqlParameter { Value = texts } },
        };
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Locks the rows of the files about to receive documents until the caller's transaction ends and returns those
    /// that are still active. Call inside the transaction that adds the documents, before adding them: a hand-over
    /// (Features/Transfer) that came first makes its file read as not active here; one that comes later waits for
    /// this commit and takes the new documents along. FOR SHARE, so additions to the same file do not wait for each
    /// other; a file that is no longer active is never active again and needs no lock.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> LockActiveFilesAsync(CasesDbContext db, IEnumerable<Guid> fileIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fileIds);
        var ids = fileIds.Distinct().Order().ToArray();
        if (ids.Length == 0)
        {
            return new HashSet<Guid>();
        }

        // In id order, so that two callers locking several files cannot wait for each other in a cycle.
        var active = await db.Database.SqlQuery<Guid>(
                $"SELECT id AS \"Value\" FROM cases.case_files WHERE id = ANY({ids}) AND status = 'active' ORDER BY id FOR SHARE")
            .ToListAsync(ct);
        return active.ToHashSet();
    }

    public static CaseDocument Add(CasesDbContext db, NewDocument document, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = Row(document, actor, now);
        db.Documents.Add(row);
        if (IsRead(document))
        {
            // A PDF whose every page has a text layer was read during the upload: its pages are stored with it and
            // it is searchable at once. Anything else (scans, images, mail) goes to the background extraction.
            db.TextExtractions.Add(new TextExtraction { DocumentId = row.Id, Status = "done", Attempts = 1, Pages = document.Text!.Count, UpdatedAt = now });
        }
        else
        {
            db.AddIntegrationEvent(new DocumentAdded(Guid.NewGuid(), db.CurrentTenantId, now, row.Id, row.CaseFileId, row.ContentType));
        }

        return row;
    }

    /// <summary>Whether the document's text was read in full during the upload (every page has a text layer).</summary>
    public static bool IsRead(NewDocument document) => document.Text is { } pages && pages.All(HasText);

    /// <summary>
    /// Adds a document whose text was read during the upload (<see cref="IsRead"/>) in one round trip: its row, its
    /// finished text status and its pages, as three statements of one batch inside the caller's transaction. The
    /// bulk upload's writer does this once per file while the next file is being read, so its time is the
    /// pipeline's (ADR 0010). The row is the same as <see cref="Add"/> builds; the context does not track it.
    /// </summary>
    public static async Task<CaseDocument> AddReadAsync(CasesDbContext db, NewDocument document, string actor, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!IsRead(document))
        {
            throw new ArgumentException("Only a document whose every page was read can be added with its text.", nameof(document));
        }

        var row = Row(document, actor, now);
        row.TenantId = db.CurrentTenantId;
        var (connection, transaction) = OpenTransaction(db);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("""
                    INSERT INTO cases.documents (id, tenant_id, case_file_id, procedure_id, document_type, title, source, content_type, sha256, length,
                                                 paper_original, pages, batch_id, inbox_item_id, created_at, created_by)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                    """, row.Id, row.TenantId, row.CaseFileId, row.CaseId, row.DocumentType, row.Title, row.Source, row.ContentType, row.Sha256, row.Length,
                    row.PaperOriginal, row.Pages, row.BatchId, row.InboxItemId, row.CreatedAt, row.CreatedBy),
                Command("""
                    INSERT INTO cases.text_extractions (document_id, tenant_id, status, attempts, pages, updated_at) VALUES ($1, $2, 'done', 1, $3, $4)
                    """, row.Id, row.TenantId, document.Text!.Count, now),
                Command(InsertPages, row.TenantId, row.Id, Clean(document.Text!)),
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
        return row;
    }

    // The context's connection and open transaction, for statements sent past EF (they must commit with the rest).
    private static (NpgsqlConnection Connection, NpgsqlTransaction Transaction) OpenTransaction(CasesDbContext db) => (
        (NpgsqlConnection)db.Database.GetDbConnection(),
        db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
        ?? throw new InvalidOperationException("Documents and pages are written inside the caller's transaction."));

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    // PostgreSQL text cannot hold NUL.
    private static string[] Clean(IReadOnlyList<string> pages) => pages.Select(p => p.Replace("\0", "", StringComparison.Ordinal)).ToArray();

    private static CaseDocument Row(NewDocument document, string actor, DateTimeOffset now) => new()
    {
        CaseFileId = document.CaseFileId,
        CaseId = document.CaseId,
        DocumentType = document.DocumentType,
        Title = document.Title,
        Source = document.Source,
        ContentType = document.ContentType,
        Sha256 = document.Blob.Sha256,
        Length = document.Blob.Length,
        PaperOriginal = document.PaperOriginal,
        Pages = document.Pages,
        BatchId = document.BatchId,
        InboxItemId = document.InboxItemId,
        CreatedAt = now,
        CreatedBy = actor,
    };
}
