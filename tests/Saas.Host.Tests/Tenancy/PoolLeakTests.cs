namespace Saas.Host.Tests.Tenancy;

/// <summary>A connection pool of two, shared by two authorities, under many alternating requests.</summary>
public sealed class PoolLeakFixture : TenantsWithDataFixture
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Database:Application"] = TestDatabase.GetAsync().GetAwaiter().GetResult().ApplicationConnectionString + ";Maximum Pool Size=2;Timeout=60",
        // One background delivery holds two connections (its claim and its handler's): the whole pool.
        ["Outbox:MaxParallel"] = "1",
    };
}

public sealed class PoolLeakTests(PoolLeakFixture fixture) : IClassFixture<PoolLeakFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TenThousandAlternatingRequests_OnAPoolOfTwo_NeverReturnAForeignRow()
    {
        const int Requests = 10_000;
        var foreign = 0;
        var served = 0;
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var mine = i % 2 == 0 ? (fixture.A.Key, fixture.MarkerA, fixture.MarkerB) : (fixture.B.Key, fixture.MarkerB, fixture.MarkerA);
            using var client = fixture.App.CreateClient();
            var body = await client.GetStringAsync($"/t/{mine.Item1}/api/organization/locations", ct);
            if (body.Contains(mine.Item3, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref foreign);
            }

            if (body.Contains(mine.Item2, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref served);
            }
        });

        foreign.ShouldBe(0);
        served.ShouldBe(Requests);
    }
}
