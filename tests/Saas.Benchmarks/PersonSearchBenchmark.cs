using NpgsqlTypes;
using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Benchmarks;

/// <summary>
/// Person search (Kölner Phonetik + trigram similarity, under row-level security) in an authority with 60,000
/// files — the largest file count in the council papers — plus 9 × 5,000 files of noise. Names are looked up as
/// heard: a transliteration variant or a typo of a seeded name. The API (HTTP, token, tenant, audit record) is
/// measured against the same SQL as the application role, interleaved. No target in the issue; printed for the record.
/// </summary>
internal static class PersonSearchBenchmark
{
    private const int Files = 60_000;
    private const int NoiseTenants = 9;
    private const int NoiseFiles = 5_000;
    private const int Iterations = 100;

    private static readonly string[] Syllables =
    [
        "ka", "ya", "mo", "ham", "med", "al", "ri", "sa", "no", "wak", "pet", "ren", "ko", "ves", "ki", "ber", "lin", "dor", "tan", "mur",
        "gu", "ler", "sch", "mid", "ha", "dad", "nu", "yen", "ro", "ssi", "el", "far", "zi", "ova", "ich", "ber", "ta", "sch", "wa", "ld",
    ];

    public static async Task<bool> RunAsync()
    {
        var db = await TestDatabase.GetAsync();
        Console.WriteLine($"person search benchmark: {Files:N0} files in one authority, {NoiseTenants} authorities x {NoiseFiles:N0} files of noise");
        var main = await TestTenants.CreateAsync(db, ["organization", "cases"]);
        var random = new Random(5);
        var names = await SeedAsync(db, main.Id, Files, random);
        for (var i = 0; i < NoiseTenants; i++)
        {
            await SeedAsync(db, (await TestTenants.CreateAsync(db, ["cases"])).Id, NoiseFiles, random);
        }

        await using (var owner = new NpgsqlConnection(db.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE cases.case_files", owner);
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync();
        }

        // Heard, not read: every second query swaps a vowel (a typo), the others use the name as seeded.
        var queries = Enumerable.Range(0, 40).Select(i =>
        {
            var name = names[random.Next(names.Count)];
            return i % 2 == 0 ? name : name.Length > 3 ? name[..2] + (name[2] == 'a' ? 'e' : 'a') + name[3..] : name;
        }).ToArray();

        await using var host = await BenchHost.StartAsync(db, main);
        var client = host.Client;

        await using var source = NpgsqlDataSource.Create(db.ApplicationConnectionString);
        await using var connection = await source.OpenConnectionAsync();
        await using (var bind = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection))
        {
            bind.Parameters.Add(new NpgsqlParameter { Value = main.Id.ToString() });
            await bind.ExecuteNonQueryAsync();
        }

        var found = 0;
        var (api, sql) = await Samples.InterleaveAsync(Iterations, 10,
            async i => (await client.GetAsync($"/t/{main.Key}/api/cases/persons?name={Uri.EscapeDataString(queries[i % queries.Length])}")).EnsureSuccessStatusCode(),
            async i => found += await SqlAsync(connection, queries[i % queries.Length]));

        Console.WriteLine($"  name as heard (variant or typo) SQL p50 {sql.Percentile(50) / 1000,6:F1} ms p95 {sql.Percentile(95) / 1000,6:F1} ms | API p50 {api.Percentile(50) / 1000,6:F1} ms p95 {api.Percentile(95) / 1000,6:F1} ms | API/SQL p95 {api.Percentile(95) / sql.Percentile(95):F2} | {found / (Iterations + 10.0):F1} persons/search (at most 20)");
        return true;
    }

    // The query CaseFileDirectory.SearchPersonsAsync sends (without a birth date), as the application role under RLS.
    private static async Task<int> SqlAsync(NpgsqlConnection connection, string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var codes = words.Select(Saas.Modules.Cases.Features.PersonSearch.KoelnerPhonetik.Encode).Where(c => c.Length > 0).Distinct().ToArray();
        await using var cmd = new NpgsqlCommand("""
            SELECT id, file_number, surname, given_names, birth_date, nationalities FROM cases.case_files
            WHERE phonetic_codes && $1 OR similarity(search_name, $2) > 0.3
            ORDER BY similarity(search_name, $2) DESC, surname LIMIT 20
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = codes });
        cmd.Parameters.Add(new NpgsqlParameter { Value = name.Trim().ToLowerInvariant() });
        var rows = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    }

    /// <summary>Files with generated surnames (two or three syllables), their search keys computed as the platform does.</summary>
    private static async Task<List<string>> SeedAsync(TestDatabase db, Guid tenant, int files, Random random)
    {
        var names = new List<string>(files);
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY cases.case_files (tenant_id, id, file_number, surname, given_names, search_name, phonetic_codes, created_by) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < files; i++)
        {
            var length = 2 + random.Next(2);
            var surname = string.Concat(Enumerable.Range(0, length).Select(_ => Syllables[random.Next(Syllables.Length)]));
            surname = char.ToUpperInvariant(surname[0]) + surname[1..];
            names.Add(surname);
            var (codes, searchName) = CaseFileEndpoints.SearchKeys(surname, []);
            await copy.StartRowAsync();
            await copy.WriteAsync(tenant, NpgsqlDbType.Uuid);
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await copy.WriteAsync($"P-{i:D6}", NpgsqlDbType.Text);
            await copy.WriteAsync(surname, NpgsqlDbType.Text);
            await copy.WriteAsync("Ali", NpgsqlDbType.Text);
            await copy.WriteAsync(searchName, NpgsqlDbType.Text);
            await copy.WriteAsync(codes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync("bench", NpgsqlDbType.Text);
        }

        await copy.CompleteAsync();
        return names;
    }
}
