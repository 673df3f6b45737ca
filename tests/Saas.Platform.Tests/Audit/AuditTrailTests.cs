using Saas.Platform.Audit;
using Saas.Platform.Tests.Metadata;

namespace Saas.Platform.Tests.Audit;

public sealed class AuditTrailTests(MetadataFixture fixture) : IClassFixture<MetadataFixture>
{
    private IAuditTrail Trail => fixture.Services.GetRequiredService<IAuditTrail>();

    private IAuditVerifier Verifier => fixture.Services.GetRequiredService<IAuditVerifier>();

    [Fact]
    public async Task Chain_GrowsAndVerifies()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        using (fixture.CurrentTenant.Begin(tenant))
        {
            for (var i = 0; i < 5; i++)
            {
                await Trail.RecordAsync(new AuditEntry("casefile.read", "casefile", $"F-{i}", PersonalData: true, Actor: "cw"));
            }

            await ShouldBeIntactAsync(5);
        }
    }

    /// <summary>
    /// An audited read's unit of work sends no statement before its audit, so the audit goes out on a pooled connection
    /// as it comes — possibly still bound to the authority it served last. The append binds it itself.
    /// </summary>
    [Fact]
    public async Task AnAppendOnAPooledConnectionLastBoundToAnotherAuthority_GoesToTheCurrentAuthority()
    {
        var a = await TestTenants.CreateAsync(fixture.Database);
        var b = await TestTenants.CreateAsync(fixture.Database);
        var data = fixture.Services.GetRequiredService<Saas.Platform.Data.AppDataSource>();
        using (fixture.CurrentTenant.Begin(b))
        {
            await using var bound = await data.OpenAsync();
        }

        using (fixture.CurrentTenant.Begin(a))
        {
            await using var raw = await data.DataSource.OpenConnectionAsync();
            await using var tx = await raw.BeginTransactionAsync();
            await Trail.RecordAllAsync([new AuditEntry("casefile.read", "casefile", "F-1", Actor: "cw")], raw, tx);
            await tx.CommitAsync();
        }

        await ShouldBeIntactAsync(a, 1);
        await ShouldBeIntactAsync(b, 0);
    }

    [Fact]
    public async Task ARowChangedByADatabaseAdministrator_IsDetected()
    {
        var tenant = await RecordThreeAsync();
        await AsOwnerAsync(tenant, """
            ALTER TABLE audit.events DISABLE TRIGGER events_append_only;
            UPDATE audit.events SET actor = 'someone-else' WHERE seq = 2 AND tenant_id = current_setting('app.tenant_id')::uuid;
            ALTER TABLE audit.events ENABLE TRIGGER events_append_only;
            """);
        await ShouldBeBrokenAtAsync(tenant, 2);
    }

    [Fact]
    public async Task ADeletedRow_IsDetected()
    {
        var tenant = await RecordThreeAsync();
        await AsOwnerAsync(tenant, """
            ALTER TABLE audit.events DISABLE TRIGGER events_append_only;
            DELETE FROM audit.events WHERE seq = 2 AND tenant_id = current_setting('app.tenant_id')::uuid;
            ALTER TABLE audit.events ENABLE TRIGGER events_append_only;
            """);
        await ShouldBeBrokenAtAsync(tenant, 2);
    }

    [Fact]
    public async Task ACutOffTail_IsDetected()
    {
        var tenant = await RecordThreeAsync();
        await AsOwnerAsync(tenant, """
            ALTER TABLE audit.events DISABLE TRIGGER events_append_only;
            DELETE FROM audit.events WHERE seq = 3 AND tenant_id = current_setting('app.tenant_id')::uuid;
            ALTER TABLE audit.events ENABLE TRIGGER events_append_only;
            """);
        await ShouldBeBrokenAtAsync(tenant, 3);
    }

    [Fact]
    public async Task TheApplicationRole_CannotChangeOrDeleteEvents()
    {
        var tenant = await RecordThreeAsync();
        await using var connection = new NpgsqlConnection(fixture.Database.ApplicationConnectionString);
        await connection.OpenAsync();
        await using (var bind = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant.Id}', false)", connection))
        {
            await bind.ExecuteNonQueryAsync();
        }

        foreach (var sql in new[] { "UPDATE audit.events SET actor = 'x'", "DELETE FROM audit.events" })
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            (await Should.ThrowAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
    }

    [Fact]
    public async Task TenantB_SeesNoneOfAsEvents_AndNoTenantSeesNothing()
    {
        var a = await RecordThreeAsync();
        var b = await TestTenants.CreateAsync(fixture.Database);
        using (fixture.CurrentTenant.Begin(b))
        {
            (await Verifier.VerifyAsync()).Events.ShouldBe(0);
        }

        await using var connection = new NpgsqlConnection(fixture.Database.ApplicationConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM audit.events", connection);
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
        a.ShouldNotBeNull();
    }

    [Fact]
    public async Task FiftyParallelAppends_GiveAGapFreeVerifiedChain()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        await Parallel.ForAsync(0, 50, async (i, ct) =>
        {
            using (fixture.CurrentTenant.Begin(tenant))
            {
                await Trail.RecordAsync(new AuditEntry("casefile.read", "casefile", $"F-{i}", Actor: "cw"), ct);
            }
        });
        await ShouldBeIntactAsync(tenant, 50);
    }

    [Fact]
    public async Task SeveralEventsInOneAppend_ContinueTheChainInOrder_AndVerify()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        var other = await TestTenants.CreateAsync(fixture.Database);
        using (fixture.CurrentTenant.Begin(tenant))
        {
            await Trail.RecordAsync(new AuditEntry("casefile.read", "casefile", "F-0", Actor: "cw"));
            await InTransactionAsync(tenant, (connection, tx) => Trail.RecordAllAsync(
                [.. Enumerable.Range(1, 40).Select(i => new AuditEntry("document.add", "document", $"D-{i}", i % 2 == 0 ? null : $"upload {i}", PersonalData: true, Actor: "cw"))],
                connection, tx));
            await Trail.RecordAsync(new AuditEntry("casefile.read", "casefile", "F-1", Actor: "cw"));
            await InTransactionAsync(tenant, (connection, tx) => Trail.RecordAllAsync([], connection, tx));

            await ShouldBeIntactAsync(42);
        }

        var stored = await ReadAsync(tenant, "SELECT seq || ':' || coalesce(record_id, '') || ':' || coalesce(details, '-') FROM audit.events ORDER BY seq");
        stored[0].ShouldBe("1:F-0:-");
        stored[1].ShouldBe("2:D-1:upload 1");
        stored[2].ShouldBe("3:D-2:-");
        stored[40].ShouldBe("41:D-40:-");
        stored[41].ShouldBe("42:F-1:-");
        // The other authority's chain is untouched and reads none of these.
        (await ReadAsync(other, "SELECT count(*)::text FROM audit.events")).ShouldBe(["0"]);
    }

    [Fact]
    public async Task AnAppendRolledBackWithItsChange_LeavesNoGapInTheChain()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        using (fixture.CurrentTenant.Begin(tenant))
        {
            await Trail.RecordAsync(new AuditEntry("casefile.read", "casefile", "F-0", Actor: "cw"));
            await using (var connection = await fixture.Services.GetRequiredService<Saas.Platform.Data.AppDataSource>().OpenAsync())
            await using (var tx = await connection.BeginTransactionAsync())
            {
                await Trail.RecordAllAsync([new AuditEntry("document.add", "document", "D-1"), new AuditEntry("document.add", "document", "D-2")], connection, tx);
                await tx.RollbackAsync();
            }

            await Trail.RecordAsync(new AuditEntry("casefile.read", "casefile", "F-1", Actor: "cw"));
            await ShouldBeIntactAsync(2);
        }
    }

    [Fact]
    public async Task ParallelBatchAndSingleAppends_GiveAGapFreeVerifiedChain()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        await Parallel.ForAsync(0, 20, async (i, ct) =>
        {
            using (fixture.CurrentTenant.Begin(tenant))
            {
                if (i % 2 == 0)
                {
                    await Trail.RecordAsync(new AuditEntry("casefile.read", "casefile", $"F-{i}", Actor: "cw"), ct);
                }
                else
                {
                    await InTransactionAsync(tenant, (connection, tx) => Trail.RecordAllAsync(
                        [new AuditEntry("document.add", "document", $"D-{i}-a"), new AuditEntry("document.add", "document", $"D-{i}-b")], connection, tx));
                }
            }
        });
        await ShouldBeIntactAsync(tenant, 30);
    }

    [Fact]
    public async Task ARowChangedInsideABatch_IsDetected()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        using (fixture.CurrentTenant.Begin(tenant))
        {
            await InTransactionAsync(tenant, (connection, tx) => Trail.RecordAllAsync(
                [.. Enumerable.Range(1, 5).Select(i => new AuditEntry("document.delete", "document", $"D-{i}", Actor: "admin"))], connection, tx));
        }

        await AsOwnerAsync(tenant, """
            ALTER TABLE audit.events DISABLE TRIGGER events_append_only;
            UPDATE audit.events SET record_id = 'D-other' WHERE seq = 3 AND tenant_id = current_setting('app.tenant_id')::uuid;
            ALTER TABLE audit.events ENABLE TRIGGER events_append_only;
            """);
        await ShouldBeBrokenAtAsync(tenant, 3);
    }

    private async Task InTransactionAsync(TenantInfo tenant, Func<NpgsqlConnection, NpgsqlTransaction, Task> append)
    {
        using (fixture.CurrentTenant.Begin(tenant))
        {
            await using var connection = await fixture.Services.GetRequiredService<Saas.Platform.Data.AppDataSource>().OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await append(connection, tx);
            await tx.CommitAsync();
        }
    }

    private async Task<List<string>> ReadAsync(TenantInfo tenant, string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ApplicationConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant.Id}', false)", connection);
        await cmd.ExecuteNonQueryAsync();
        cmd.CommandText = sql;
        var values = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<TenantInfo> RecordThreeAsync()
    {
        var tenant = await TestTenants.CreateAsync(fixture.Database);
        using (fixture.CurrentTenant.Begin(tenant))
        {
            foreach (var id in new[] { "1", "2", "3" })
            {
                await Trail.RecordAsync(new AuditEntry("casefile.read", "casefile", id, Actor: "cw"));
            }
        }

        return tenant;
    }

    private async Task ShouldBeIntactAsync(TenantInfo tenant, long events)
    {
        using (fixture.CurrentTenant.Begin(tenant))
        {
            await ShouldBeIntactAsync(events);
        }
    }

    /// <summary>The current authority's chain verifies and holds this many events.</summary>
    private async Task ShouldBeIntactAsync(long events)
    {
        var result = await Verifier.VerifyAsync();
        result.Intact.ShouldBeTrue(result.Problem);
        result.Events.ShouldBe(events);
    }

    private async Task ShouldBeBrokenAtAsync(TenantInfo tenant, long seq)
    {
        using (fixture.CurrentTenant.Begin(tenant))
        {
            var result = await Verifier.VerifyAsync();
            result.Intact.ShouldBeFalse();
            result.FirstBrokenSeq.ShouldBe(seq, result.Problem);
        }
    }

    // The owner role has BYPASSRLS: every statement names the tenant itself, or it would change every authority's rows (and
    // break other tests running at the same time: a "DELETE … WHERE seq = 2" once took a publish event of another test).
    private async Task AsOwnerAsync(TenantInfo tenant, string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant.Id}', false); {sql}", connection);
        // One event of this authority is changed, none of another's (set_config's row is not counted).
        (await cmd.ExecuteNonQueryAsync()).ShouldBe(1, sql);
    }
}
