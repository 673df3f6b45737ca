namespace Saas.Testing;

/// <summary>e-Akte documents with extracted text, straight into the database (no upload, no text extraction).</summary>
public static class TestDocuments
{
    /// <summary>
    /// Adds a case file with <paramref name="documents"/> documents of <paramref name="pages"/> extracted pages each
    /// ("Seite n von {id}") and a finished text extraction that reports <paramref name="reportedPages"/> pages.
    /// Written as the owner with the tenant bound.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> SeedAsync(TestDatabase db, Guid tenant, int documents, int pages, int? reportedPages = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var bind = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection))
        {
            bind.Parameters.Add(new NpgsqlParameter { Value = tenant.ToString() });
            await bind.ExecuteNonQueryAsync();
        }

        var file = Guid.NewGuid();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO cases.case_files (tenant_id, id, file_number, surname, search_name, created_by)
            VALUES ($1, $2, $3, 'Kowalski', 'kowalski', 'test')
            """, connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = tenant });
            insert.Parameters.Add(new NpgsqlParameter { Value = file });
            insert.Parameters.Add(new NpgsqlParameter { Value = "AZ-" + file.ToString("N")[..10] });
            await insert.ExecuteNonQueryAsync();
        }

        var ids = new List<Guid>();
        for (var i = 0; i < documents; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO cases.documents (tenant_id, id, case_file_id, document_type, title, source, content_type, sha256, length, created_by)
                VALUES (@tenant, @id, @file, 'antrag', @title, 'upload', 'application/pdf', repeat('a', 64), 1000, 'test');
                INSERT INTO cases.document_pages (tenant_id, document_id, page, text)
                SELECT @tenant, @id, n, 'Seite ' || n || ' von ' || @id::text FROM generate_series(1, @pages) n;
                INSERT INTO cases.text_extractions (tenant_id, document_id, status, attempts, pages) VALUES (@tenant, @id, 'done', 1, @reported);
                """, connection);
            insert.Parameters.AddWithValue("tenant", tenant);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("file", file);
            insert.Parameters.AddWithValue("title", $"Antrag {i}");
            insert.Parameters.AddWithValue("pages", pages);
            insert.Parameters.AddWithValue("reported", reportedPages ?? pages);
            await insert.ExecuteNonQueryAsync();
        }

        return ids;
    }
}
