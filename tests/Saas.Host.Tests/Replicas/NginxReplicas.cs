using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Saas.Platform.Tenancy;

namespace Saas.Host.Tests.Replicas;

/// <summary>
/// Three real host processes (<c>dotnet Saas.Host.dll</c>, as <c>scripts/run.sh</c> starts one) on a database of their
/// own, sharing one blob folder, behind a real nginx from Debian (<c>scripts/nginx.sh</c>) that this fixture configures
/// and starts as its child (<c>nginx -c … -g 'daemon off;'</c>), never as a service. The hosts start in parallel. nginx
/// sends <c>Host: replicas</c> (its upstream's name) with <c>X-Forwarded-Host</c>, <c>-For</c> and <c>-Proto</c>, so that
/// an address the host builds from the request is right only when it believes its trusted proxy. Each host has a
/// home folder of its own, as on machines of their own, so that only the database and the blob folder are shared.
/// </summary>
public sealed class NginxReplicas : IAsyncLifetime
{
    public const int Count = 3;

    /// <summary>The address the test's client connects from: not the proxy's, so the forwarded client address shows.</summary>
    public static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    private readonly List<Replica> replicas = [];
    private Process? nginx;

    public TestDatabase Database { get; private set; } = null!;

    public TenantInfo Tenant { get; private set; } = null!;

    public string Work { get; } = Directory.CreateTempSubdirectory("saas-replicas-").FullName;

    public int ProxyPort { get; private set; }

    public Uri Proxy => new($"http://127.0.0.1:{ProxyPort}/");

    public IReadOnlyList<Replica> Hosts => replicas;

    public string NginxDirectory => Path.Combine(Work, "nginx");

    public static string HostAssembly
    {
        get
        {
            // The test's own build configuration (bin/<Configuration>/<framework>/), for the host's build of the same.
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            return Path.Combine(SaasAppFactory.RepositoryRoot, "src", "Saas.Host", "bin", configuration, framework.Name, "Saas.Host.dll");
        }
    }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateSeparateAsync();
        Tenant = await TestTenants.CreateAsync(Database);
        var users = Path.Combine(Work, "users", Tenant.Key);
        Directory.CreateDirectory(users);
        await File.WriteAllTextAsync(Path.Combine(users, "users.yaml"), $"""
            users:
              - {"{"} username: cw-{Tenant.Key}, displayName: Sachbearbeitung Replikat, password: pw-cw, roles: [caseworker] {"}"}
              - {"{"} username: cw2-{Tenant.Key}, displayName: Zweite Sachbearbeitung, password: pw-cw2, roles: [caseworker] {"}"}
            """ + "\n");
        var blobs = Path.Combine(Work, "blobs");
        Directory.CreateDirectory(blobs);

        var ports = FreePorts(Count + 1);
        ProxyPort = ports[Count];
        for (var n = 1; n <= Count; n++)
        {
            // A home of its own, as on a machine of its own: nothing (keys, certificates) is shared through the user's profile.
            var home = Path.Combine(Work, $"home-{n}");
            Directory.CreateDirectory(home);
            replicas.Add(Replica.Start(n, ports[n - 1], new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[n - 1]}",
                ["HOME"] = home,
                ["DOTNET_gcServer"] = "0",
                ["Database__Application"] = Database.ApplicationConnectionString + $";Application Name=saas-replica-{n}",
                ["Database__Owner"] = Database.OwnerConnectionString + $";Application Name=saas-replica-{n}-owner",
                ["Database__MigrateOnStart"] = "false",
                ["Saas__TenantsPath"] = Path.Combine(Work, "users"),
                ["Saas__PublicBaseUrl"] = Proxy.ToString(),
                ["Storage__FileSystem__Root"] = blobs,
                ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            }, Work));
        }

        await Task.WhenAll(replicas.Select(r => r.WaitReadyAsync(TimeSpan.FromMinutes(4))));
        StartNginx();
        using var probe = new HttpClient();
        await Poll.UntilAsync(async () =>
        {
            try
            {
                return (await probe.GetAsync(new Uri(Proxy, "health/ready"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), () => "nginx did not answer: " + NginxLog());
    }

    private void StartNginx()
    {
        Directory.CreateDirectory(NginxDirectory);
        var dir = NginxDirectory;
        var upstreams = string.Concat(replicas.Select(r => $"        server 127.0.0.1:{r.Port} max_fails=1 fail_timeout=30s;\n"));
        // As root, nginx would hand its workers to "nobody", who cannot enter this private temp folder.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        var conf = Path.Combine(dir, "nginx.conf");
        File.WriteAllText(conf, $$"""
            {{user}}worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 512; }
            http {
                log_format replicas '$remote_addr "$request" $status upstream=$upstream_addr';
                access_log {{dir}}/access.log replicas;
                client_body_temp_path {{dir}}/client_body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
                client_max_body_size 64m;
                upstream replicas {
            {{upstreams}}    }
                server {
                    listen 127.0.0.1:{{ProxyPort}};
                    location / {
                        proxy_pass http://replicas;
                        # The host's own redirects as it wrote them (nginx would otherwise mend http://replicas/… itself).
                        proxy_redirect off;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $proxy_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header X-Forwarded-Host $http_host;
                        proxy_read_timeout 120s;
                        add_header X-Replica $upstream_addr always;
                    }
                }
            }
            """);
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", dir + "/", "-e", Path.Combine(dir, "error.log"), "-c", conf, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        nginx = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start (scripts/nginx.sh installs it).");
        nginx.ErrorDataReceived += (_, _) => { };
        nginx.OutputDataReceived += (_, _) => { };
        nginx.BeginErrorReadLine();
        nginx.BeginOutputReadLine();
    }

    public string NginxLog() => File.Exists(Path.Combine(NginxDirectory, "error.log")) ? File.ReadAllText(Path.Combine(NginxDirectory, "error.log")) : "(no error log)";

    /// <summary>The replica that answered through nginx (its <c>X-Replica</c> header names the upstream; the last one when nginx tried several).</summary>
    public Replica? AnsweredBy(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("X-Replica", out var values))
        {
            return null;
        }

        var last = values.Last().Split(',').Last().Trim();
        return replicas.FirstOrDefault(r => last == $"127.0.0.1:{r.Port}");
    }

    /// <summary>A client that connects from <see cref="ClientAddress"/>, keeps cookies (per host, like a browser: the same for every port) and follows no redirect.</summary>
    public static HttpClient Browser(CookieContainer cookies) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = cookies,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(ClientAddress, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = TimeSpan.FromMinutes(2) };

    public async Task DisposeAsync()
    {
        if (nginx is { HasExited: false })
        {
            // TERM: the master stops its worker too (a KILL would leave the worker holding the port).
            using var term = Process.Start("kill", ["-TERM", nginx.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            if (!nginx.WaitForExit(10_000))
            {
                nginx.Kill(entireProcessTree: true);
            }
        }

        nginx?.Dispose();
        foreach (var replica in replicas)
        {
            replica.Dispose();
        }

        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return listener;
        }).ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}

/// <summary>One host process; its console goes to a log file in the fixture's folder.</summary>
public sealed class Replica : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private Replica(int number, int port, Process process)
    {
        Number = number;
        Port = port;
        this.process = process;
    }

    public int Number { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public bool Killed { get; private set; }

    public bool HasExited => process.HasExited;

    public string ApplicationName => $"saas-replica-{Number}";

    public static Replica Start(int number, int port, IReadOnlyDictionary<string, string> environment, string work)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var dll = NginxReplicas.HostAssembly;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The host is not built: {dll} (dotnet build src/Saas.Host with the tests' configuration).");
        }

        var contentRoot = Path.Combine(SaasAppFactory.RepositoryRoot, "src", "Saas.Host");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "--contentRoot", contentRoot })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var replica = new Replica(number, port, process);
        var file = Path.Combine(work, $"replica-{number}.log");
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (replica.log)
            {
                replica.log.AppendLine(line);
                File.AppendAllText(file, line + "\n");
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return replica;
    }

    public string Log()
    {
        lock (log)
        {
            var text = log.ToString();
            return text.Length > 6000 ? text[^6000..] : text;
        }
    }

    public async Task WaitReadyAsync(TimeSpan bound)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Replica {Number} ended with exit code {process.ExitCode}:\n{Log()}");
            }

            try
            {
                return (await probe.GetAsync(new Uri(Address, "health/ready"))).IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, bound, () => $"Replica {Number} did not get ready:\n{Log()}");
    }

    /// <summary><c>kill -9</c>: SIGKILL, no shutdown code runs, open transactions and sockets are simply cut.</summary>
    public void Kill9()
    {
        Killed = true;
        using var kill = Process.Start("kill", ["-9", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        process.WaitForExit(30_000).ShouldBeTrue($"replica {Number} survived kill -9");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(30_000);
        }

        process.Dispose();
    }
}

/// <summary>Polls a condition with a bound; never asserts how long anything took.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan bound, Func<string> failure)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(failure);
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > bound)
            {
                throw new TimeoutException(failure());
            }

            await Task.Delay(200);
        }
    }
}
