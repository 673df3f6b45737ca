namespace Saas.Modules.Workflows.Tests;

/// <summary>Evidence in a file: document rows of the given types straight into the e-Akte's table (as TestDocuments does), no upload.</summary>
internal static class Evidence
{
    public static async Task AddAsync(TestDatabase db, Guid tenant, Guid caseFileId, params string[] types)
    {
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        foreach (var type in types)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO cases.documents (tenant_id, id, case_file_id, document_type, title, source, content_type, sha256, length, created_by)
                VALUES ($1, $2, $3, $4, $4, 'upload', 'application/pdf', repeat('a', 64), 1000, 'test')
                """, connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = tenant });
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            insert.Parameters.Add(new NpgsqlParameter { Value = caseFileId });
            insert.Parameters.Add(new NpgsqlParameter { Value = type });
            await insert.ExecuteNonQueryAsync();
        }
    }
}
