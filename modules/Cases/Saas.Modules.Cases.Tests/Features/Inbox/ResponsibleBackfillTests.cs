using Saas.Modules.Cases.Features.Inbox;
namespace Saas.Modules.Cases.Tests.Features.Inbox;

/// <summary>Items that were in the inbox before responsibility was stored get it from their stored suggestions.</summary>
public sealed class ResponsibleBackfillTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheMigration_FillsInTheBestSuggestionsCaseworkers_EvenWithoutBypassingRowLevelSecurity()
    {
        var withTwo = Guid.NewGuid();
        var withNone = Guid.NewGuid();
        await WorkbenchSeed(withTwo, """[{"fileId":"00000000-0000-0000-0000-000000000001","responsible":[{"unitCode":"30.21","caseworker":"cw-z"},{"unitCode":"30.20","caseworker":"cw-a"}]},{"responsible":[{"unitCode":"1","caseworker":"cw-second"}]}]""");
        await WorkbenchSeed(withNone, """[{"fileId":"00000000-0000-0000-0000-000000000002","responsible":[]}]""");

        // The migration's block, as shipped, run by the application role (no BYPASSRLS) and rolled back afterwards.
        var sql = await File.ReadAllTextAsync(Path.Combine(SaasAppFactory.RepositoryRoot, "modules", "Cases", "Saas.Modules.Cases", "Migrations",
            "0012_inbox_responsible_and_paging.sql"));
        var block = sql[sql.IndexOf("DO $$", StringComparison.Ordinal)..(sql.IndexOf("END $$;", StringComparison.Ordinal) + "END $$;".Length)];
        await using var connection = new NpgsqlConnection(fixture.App.Database.ApplicationConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var run = new NpgsqlCommand(block, connection, tx))
        {
            await run.ExecuteNonQueryAsync();
        }

        await using (var bind = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{fixture.A.Id}', true)", connection, tx))
        {
            await bind.ExecuteNonQueryAsync();
        }

        await using var read = new NpgsqlCommand("SELECT id, responsible_caseworkers FROM cases.inbox_items WHERE id = ANY($1)", connection, tx);
        read.Parameters.Add(new NpgsqlParameter { Value = new[] { withTwo, withNone } });
        var found = new Dictionary<Guid, string[]>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found[reader.GetGuid(0)] = reader.GetFieldValue<string[]>(1);
            }
        }

        await tx.RollbackAsync();
        found[withTwo].ShouldBe(["cw-a", "cw-z"]);
        found[withNone].ShouldBeEmpty();
    }

    private Task WorkbenchSeed(Guid id, string suggestions) =>
        Workbench.WorkbenchPages.SeedAsync(fixture, fixture.A, db => db.InboxItems.Add(new InboxItem
        {
            Id = id, Source = "mail", Reason = "mail", Title = "vorher", ContentType = "message/rfc822", Sha256 = new string('c', 64), Length = 1,
            Suggestions = suggestions, ReceivedAt = DateTimeOffset.UtcNow,
        }));
}
