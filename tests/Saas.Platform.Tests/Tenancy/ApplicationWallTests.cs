namespace Saas.Platform.Tests.Tenancy;

/// <summary>The application wall: the TenantDbContext's named query filter and save-time stamping.</summary>
public sealed class ApplicationWallTests
{
    private readonly CurrentTenant currentTenant = new();

    [Fact]
    public async Task Query_ForTenantA_ReturnsOnlyTenantARows()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        await KernelNotes.InsertAsync(db, a, "A1");
        await KernelNotes.InsertAsync(db, b, "B1", "B2");

        using (currentTenant.Begin(a))
        {
            await using var context = KernelNotes.CreateContext(db.ApplicationConnectionString, currentTenant, new TenantSession(currentTenant));
            (await context.Notes.Select(n => n.Body).ToListAsync()).ShouldBe(["A1"]);
        }
    }

    [Fact]
    public async Task Query_WhenRowLevelSecurityIsBypassed_IsStillLimitedByTheQueryFilter()
    {
        // The bypass role ignores RLS: only the application wall stands. It must hold on its own.
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        await KernelNotes.InsertAsync(db, a, "A1");
        await KernelNotes.InsertAsync(db, b, "B1");

        using (currentTenant.Begin(b))
        {
            await using var context = KernelNotes.CreateContext(db.BypassConnectionString, currentTenant, new TenantSession(currentTenant));
            var bodies = await context.Notes.Select(n => n.Body).ToListAsync();
            bodies.ShouldBe(["B1"]);
            (await context.Notes.IgnoreQueryFilters([TenantDbContext.TenantFilterName]).CountAsync()).ShouldBeGreaterThan(1);
        }
    }

    [Fact]
    public async Task Save_StampsNewRowsWithTheCurrentTenant()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        using (currentTenant.Begin(a))
        {
            await using var context = KernelNotes.CreateContext(db.ApplicationConnectionString, currentTenant, new TenantSession(currentTenant));
            var note = new Note { Body = "neu" };
            context.Notes.Add(note);
            await context.SaveChangesAsync();
            note.TenantId.ShouldBe(a.Id);
        }
    }

    [Fact]
    public async Task Save_WithNoTenant_Throws()
    {
        var db = await KernelNotes.EnsureAsync();
        await using var context = KernelNotes.CreateContext(db.ApplicationConnectionString, currentTenant, new TenantSession(currentTenant));
        context.Notes.Add(new Note { Body = "herrenlos" });
        await Should.ThrowAsync<TenantIsolationException>(() => context.SaveChangesAsync());
    }

    [Fact]
    public async Task Save_OfARowForAnotherTenant_Throws()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        using (currentTenant.Begin(a))
        {
            await using var context = KernelNotes.CreateContext(db.ApplicationConnectionString, currentTenant, new TenantSession(currentTenant));
            context.Notes.Add(new Note { Body = "fremd", TenantId = b.Id });
            await Should.ThrowAsync<TenantIsolationException>(() => context.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task Save_MovingARowToAnotherTenant_Throws()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        await KernelNotes.InsertAsync(db, a, "A1");
        using (currentTenant.Begin(a))
        {
            await using var context = KernelNotes.CreateContext(db.ApplicationConnectionString, currentTenant, new TenantSession(currentTenant));
            var note = await context.Notes.SingleAsync();
            note.TenantId = b.Id;
            await Should.ThrowAsync<TenantIsolationException>(() => context.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task Save_OfAContextCreatedForTenantAInsideTenantBsScope_Throws()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        NotesDbContext context;
        using (currentTenant.Begin(a))
        {
            context = KernelNotes.CreateContext(db.ApplicationConnectionString, currentTenant, new TenantSession(currentTenant));
        }

        await using (context)
        using (currentTenant.Begin(b))
        {
            context.Notes.Add(new Note { Body = "verwechselt" });
            await Should.ThrowAsync<TenantIsolationException>(() => context.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task PooledConnection_ReusedForAnotherTenant_IsReboundBeforeUse()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        var session = new TenantSession(currentTenant);
        await using var source = new AppDataSource(db.ApplicationConnectionString + ";Maximum Pool Size=1", session);

        int firstBackend;
        using (currentTenant.Begin(a))
        await using (var connection = await source.OpenAsync())
        {
            firstBackend = connection.ProcessID;
            (await CurrentSettingAsync(connection)).ShouldBe(a.Id.ToString());
        }

        using (currentTenant.Begin(b))
        await using (var connection = await source.OpenAsync())
        {
            connection.ProcessID.ShouldBe(firstBackend);
            (await CurrentSettingAsync(connection)).ShouldBe(b.Id.ToString());
        }

        using (currentTenant.BeginPlatformScope())
        await using (var connection = await source.OpenAsync())
        {
            connection.ProcessID.ShouldBe(firstBackend);
            (await CurrentSettingAsync(connection)).ShouldBe("");
        }
    }

    [Fact]
    public async Task OneSharedConnection_AlternatingEfAndRawUseAcrossTenants_NeverSeesForeignRows()
    {
        var db = await KernelNotes.EnsureAsync();
        var tenants = new[] { await TestTenants.CreateAsync(db), await TestTenants.CreateAsync(db), await TestTenants.CreateAsync(db) };
        foreach (var tenant in tenants)
        {
            await KernelNotes.InsertAsync(db, tenant, tenant.Key + "-1", tenant.Key + "-2");
        }

        var session = new TenantSession(currentTenant);
        await using var source = new AppDataSource(db.ApplicationConnectionString + ";Maximum Pool Size=1", session);
        for (var i = 0; i < 120; i++)
        {
            var tenant = tenants[i % tenants.Length];
            using (currentTenant.Begin(tenant))
            {
                List<Guid> seen;
                if (i % 4 < 2)
                {
                    await using var context = KernelNotes.CreateContext(source.DataSource, currentTenant, session);
                    seen = await context.Notes.IgnoreQueryFilters([TenantDbContext.TenantFilterName]).Select(n => n.TenantId).ToListAsync();
                    if (i % 8 == 1)
                    {
                        // A failing write rolls back its own binding; the next use must not trust it.
                        var existing = await context.Notes.Select(n => n.Id).FirstAsync();
                        context.Notes.Add(new Note { Id = existing, Body = "doppelt" });
                        await Should.ThrowAsync<DbUpdateException>(() => context.SaveChangesAsync());
                    }
                }
                else
                {
                    await using var connection = await source.OpenAsync();
                    await using var cmd = new NpgsqlCommand("SELECT tenant_id FROM kernel_test.notes", connection);
                    seen = [];
                    await using var reader = await cmd.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        seen.Add(reader.GetGuid(0));
                    }
                }

                // With the query filter switched off, only RLS — i.e. the session binding — decides what is seen.
                seen.Count.ShouldBe(2, $"iteration {i}");
                seen.ShouldAllBe(id => id == tenant.Id, $"iteration {i}");
            }
        }
    }

    [Fact]
    public async Task Item13_CommandInItsOwnRoundTrip_AfterAFailedStatementOfAnotherTenant_StillSeesOnlyItsOwnRows()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        await KernelNotes.InsertAsync(db, a, "A1");
        await KernelNotes.InsertAsync(db, b, "B1", "B2");
        var session = new TenantSession(currentTenant);
        await using var source = new AppDataSource(db.ApplicationConnectionString + ";Maximum Pool Size=1", session);

        (await TenantsSeenAsync(source, a)).ShouldBe([a.Id]);
        using (currentTenant.Begin(b))
        {
            // B's SET travels with a statement that fails: the binder must not go on believing A is bound.
            await using var failing = await source.CommandAsync("SELECT 1 / 0");
            await Should.ThrowAsync<PostgresException>(() => failing.ExecuteScalarAsync());
        }

        (await TenantsSeenAsync(source, a)).ShouldBe([a.Id]);
    }

    [Fact]
    public async Task Item13_CommandInItsOwnRoundTrip_WhoseRowsFailHalfWay_KeepsItsBindingTrue()
    {
        var db = await KernelNotes.EnsureAsync();
        var a = await TestTenants.CreateAsync(db);
        var b = await TestTenants.CreateAsync(db);
        await KernelNotes.InsertAsync(db, a, "A1");
        await KernelNotes.InsertAsync(db, b, "B1");
        var session = new TenantSession(currentTenant);
        await using var source = new AppDataSource(db.ApplicationConnectionString + ";Maximum Pool Size=1", session);

        (await TenantsSeenAsync(source, a)).ShouldBe([a.Id]);
        using (currentTenant.Begin(b))
        {
            // The reader stands on the rows before the error comes: the binding was remembered by then, so the
            // SET must hold although the statement fails (the error barrier behind it), or the session would
            // fall back to A while the binder believes B.
            await using var failing = await source.CommandAsync("SELECT 1 / (3 - n) FROM generate_series(1, 5000) n");
            await Should.ThrowAsync<PostgresException>(async () =>
            {
                await using var reader = await failing.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            });
        }

        (await TenantsSeenAsync(source, b)).ShouldBe([b.Id]);
    }

    private async Task<List<Guid>> TenantsSeenAsync(AppDataSource source, TenantInfo tenant)
    {
        using (currentTenant.Begin(tenant))
        {
            await using var cmd = await source.CommandAsync("SELECT DISTINCT tenant_id FROM kernel_test.notes");
            await using var reader = await cmd.ExecuteReaderAsync();
            var seen = new List<Guid>();
            while (await reader.ReadAsync())
            {
                seen.Add(reader.GetGuid(0));
            }

            return seen;
        }
    }

    [Fact]
    public async Task NewPhysicalConnection_StartsWithNoTenant()
    {
        var db = await KernelNotes.EnsureAsync();
        var session = new TenantSession(currentTenant);
        await using var source = new AppDataSource(db.ApplicationConnectionString + ";Maximum Pool Size=1", session);
        await using var connection = await source.DataSource.OpenConnectionAsync();
        (await CurrentSettingAsync(connection)).ShouldBe("");
    }

    private static async Task<string> CurrentSettingAsync(NpgsqlConnection connection)
    {
        await using var cmd = new NpgsqlCommand("SELECT coalesce(current_setting('app.tenant_id', true), '')", connection);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
