using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Saas.Testing;

/// <summary>
/// maildev from npm (scripts/mail.sh install) on two free loopback ports: the real SMTP server every test host sends
/// its e-mail to (docs/adr/0034), started once per test process and stopped when it ends. Tests read what arrived
/// through maildev's REST API, each by its own recipient address.
/// </summary>
public static class TestMail
{
    private static readonly Lazy<Server?> Instance = new(Start);

    /// <summary>The running server, or null when maildev is not installed (then hosts get no <c>Mail:Host</c>).</summary>
    public static Server? Current => Instance.Value;

    /// <summary>A recipient no other test uses.</summary>
    public static string NewAddress(string who = "person") => $"{who}-{Guid.NewGuid():N}@example.org";

    /// <summary>Waits for the mails to <paramref name="address"/> until <paramref name="count"/> have arrived (or the time is up, then throws).</summary>
    public static async Task<IReadOnlyList<JsonElement>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var server = Current ?? throw new InvalidOperationException("maildev is not installed: run scripts/mail.sh install.");
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var mails = await server.ToAsync(address);
            if (mails.Count >= count || DateTime.UtcNow > until)
            {
                return mails.Count >= count ? mails : throw new TimeoutException($"{mails.Count} of {count} mails to {address} arrived.");
            }

            await Task.Delay(200);
        }
    }

    private static Server? Start()
    {
        var bin = Path.Combine(SaasAppFactory.RepositoryRoot, "scripts", "maildev", "node_modules", ".bin", "maildev");
        if (!File.Exists(bin))
        {
            return null;
        }

        var smtp = FreePort();
        var web = FreePort();
        // A test host is often ended by the test runner without ProcessExit; a small watchdog ends maildev with it, so no
        // SMTP server outlives its test run.
        const string Watchdog = """
            bin="$1"; shift
            "$bin" "$@" & child=$!
            while [ -d "/proc/$SAAS_TEST_PROCESS" ] && [ -d "/proc/$child" ]; do sleep 1; done
            kill "$child"; wait "$child"
            """;
        // In a session of its own (setsid): without a controlling terminal, no terminal's job-control signal can stop the
        // watchdog, whatever shell the tests were started from.
        var start = new ProcessStartInfo("setsid", ["--wait", "bash", "-c", Watchdog, "maildev-watchdog", bin, "--smtp", smtp.ToString(CultureInfo.InvariantCulture), "--ip", "127.0.0.1",
            "--web", web.ToString(CultureInfo.InvariantCulture), "--web-ip", "127.0.0.1", "--silent"])
        {
            // Its own stdin: a background process that reads the terminal is stopped (SIGTTIN), and a stopped watchdog
            // cannot end maildev.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SAAS_TEST_PROCESS"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException("maildev did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Nothing is killed at exit: the watchdog sees the test process gone within a second and ends maildev. (Not
        // Kill(entireProcessTree): .NET stops the whole tree with SIGSTOP before killing it, and a test process that
        // exits in between left the watchdog and maildev stopped for good, found in state T after CI runs.)

        var server = new Server(smtp, new Uri($"http://127.0.0.1:{web}/"));
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"maildev ended with exit code {process.ExitCode}.");
            }

            try
            {
                if (server.Http.GetAsync("api/healthz").GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Thread.Sleep(200);
        }

        throw new InvalidOperationException("maildev did not answer within 30 seconds.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed class Server(int smtpPort, Uri web)
    {
        public int SmtpPort { get; } = smtpPort;

        public Uri Web { get; } = web;

        internal HttpClient Http { get; } = new() { BaseAddress = web, Timeout = TimeSpan.FromSeconds(10) };

        /// <summary>The host settings that send through this server.</summary>
        public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail:Security"] = "None",
            ["Mail:From"] = "no-reply@plattform.example",
        };

        public async Task<IReadOnlyList<JsonElement>> ToAsync(string address)
        {
            var all = await Http.GetFromJsonAsync<JsonElement>("api/email");
            return [.. all.EnumerateArray().Where(mail => mail.TryGetProperty("to", out var to)
                && to.EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))];
        }
    }
}
