using System.Net.Http.Json;
using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Saas.Host.Tests.Errors;

/// <summary>
/// Hardening item 6: a client's mistake is a 400 with a problem, not a 500 with a stack trace in the log; a database
/// that cannot be reached is a 503 with Retry-After.
/// </summary>
public sealed class ClientErrorTests(ProblemLoggingFixture fixture) : IClassFixture<ProblemLoggingFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> MalformedForms() => new()
    {
        { "multipart/form-data", "--x\r\n" },
        { "multipart/form-data; boundary=frontier", "--frontier\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 truncated" },
        { "multipart/form-data; boundary=frontier", "--frontier\r\nContent-Disposition: form-data; name=\"title\"\r\n" + new string('h', 20_000) + "\r\n\r\nx\r\n--frontier--\r\n" },
    };

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task HardeningItem6_AMalformedMultipartBody_IsA400Problem_LoggedWithoutAStackTrace(string contentType, string body)
    {
        var token = fixture.TokenFor(fixture.A.Key, $"cw-{fixture.A.Key}");
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var created = await client.PostAsJsonAsync($"/t/{fixture.A.Key}/api/cases/files", new { surname = "Multipart" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var file = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await client.PostAsync($"/t/{fixture.A.Key}/api/cases/files/{file}/documents", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("bad-request");
        var path = $"/t/{fixture.A.Key}/api/cases/files/{file}/documents";
        fixture.Logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Message.Contains(path, StringComparison.Ordinal)).ShouldBeEmpty();
        fixture.Logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Exception is InvalidDataException or IOException).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\/evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/t/x/\r\nSet-Cookie: a=b")]
    [InlineData("/ok\u0000")]
    [InlineData("")]
    public async Task HardeningItem6_TheLanguageSwitch_SendsAnythingButALocalPathToTheStartPage(string returnUrl)
    {
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/language/en?returnUrl=" + Uri.EscapeDataString(returnUrl));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HardeningItem6_TheLanguageSwitch_ReturnsToALocalPath()
    {
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/language/en?returnUrl=" + Uri.EscapeDataString($"/t/{fixture.A.Key}/?x=1"));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/t/{fixture.A.Key}/?x=1");
    }
}

/// <summary>
/// Hardening item 6: the host reaches PostgreSQL through a relay of this test; once it has started, the relay stops
/// listening and drops its connections, as a database that went down. The shared cluster is not touched.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("text/html")]
    public async Task HardeningItem6_ADatabaseThatCannotBeReached_Answers503WithRetryAfter(string accept)
    {
        var db = await TestDatabase.GetAsync();
        await using var relay = Relay.Start(IPAddress.Loopback, int.Parse(TestDatabase.Port, System.Globalization.CultureInfo.InvariantCulture));
        string ThroughRelay(string connection) => new Npgsql.NpgsqlConnectionStringBuilder(connection) { Port = relay.Port, Pooling = false, Timeout = 3 }.ConnectionString;
        await using var app = new SaasAppFactory(db, new Dictionary<string, string?>
        {
            ["Database:Application"] = ThroughRelay(db.ApplicationConnectionString),
            ["Database:Owner"] = ThroughRelay(db.OwnerConnectionString),
        });
        using var client = app.CreateClient();
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await relay.DisposeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/unbekannt-{Guid.NewGuid():N}/");
        request.Headers.Accept.ParseAdd(accept);
        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        if (accept == "application/json")
        {
            JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().ShouldBe("database-unavailable");
        }
        else
        {
            body.ShouldContain("Die Datenbank ist gerade nicht erreichbar");
            // Our fault, so the page carries a reference for the service desk.
            WebUtility.HtmlDecode(body).ShouldContain("Fehlernummer für Rückfragen: ");
        }
    }

    /// <summary>A TCP relay to PostgreSQL; disposing it closes the port and every relayed connection.</summary>
    private sealed class Relay : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly CancellationTokenSource stop = new();
        private readonly ConcurrentBag<TcpClient> connections = [];
        private readonly Task accepting;
        private int disposed;

        private Relay(IPAddress address, int targetPort)
        {
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            accepting = AcceptAsync(address, targetPort);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public static Relay Start(IPAddress address, int targetPort) => new(address, targetPort);

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1)
            {
                return;
            }

            await stop.CancelAsync();
            listener.Stop();
            foreach (var connection in connections)
            {
                connection.Dispose();
            }

            try
            {
                await accepting;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }

            stop.Dispose();
        }

        private async Task AcceptAsync(IPAddress address, int targetPort)
        {
            while (!stop.IsCancellationRequested)
            {
                var incoming = await listener.AcceptTcpClientAsync(stop.Token);
                var outgoing = new TcpClient();
                await outgoing.ConnectAsync(address, targetPort, stop.Token);
                connections.Add(incoming);
                connections.Add(outgoing);
                _ = PumpAsync(incoming, outgoing);
                _ = PumpAsync(outgoing, incoming);
            }
        }

        private async Task PumpAsync(TcpClient from, TcpClient to)
        {
            try
            {
                await from.GetStream().CopyToAsync(to.GetStream(), stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                // The relay was stopped or a side closed.
            }
            finally
            {
                from.Dispose();
                to.Dispose();
            }
        }
    }
}
