using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;

namespace Saas.Host.Tests.Replicas;

/// <summary>
/// Hardening item 12, several replicas for real: three host processes behind nginx. A caseworker signs in through
/// nginx with the built-in form and carries on at each replica directly (the session and antiforgery keys are shared
/// through the database); documents are uploaded through nginx while one replica is killed with <c>kill -9</c> in the
/// middle, right after it accepted a scan whose text it was reading: every upload that was answered as accepted is
/// in the database, readable and found by search, the session still works, and the scans' text extraction (the
/// outbox) is finished by the other replicas. Also: the host believes forwarded headers from its trusted proxy only.
/// </summary>
public sealed partial class ReplicasBehindNginxTests(NginxReplicas replicas, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<NginxReplicas>
{
    private const int Uploads = 24;
    private const int Workers = 3;
    private const string ScanWord = "Niederlassungserlaubnis";

    [Fact]
    public async Task Item12_SessionsAndUploadsSurviveKill9OfOneReplica_AndItsBackgroundWorkIsFinishedByTheOthers()
    {
        var key = replicas.Tenant.Key;
        var cookies = new CookieContainer();
        using var browser = NginxReplicas.Browser(cookies);

        // Signed in through nginx; then each replica directly, with the same cookie.
        await SignInAsync(browser, replicas.Proxy, key, $"cw-{key}", "pw-cw");
        foreach (var replica in replicas.Hosts)
        {
            var workbench = await browser.GetAsync(new Uri(replica.Address, $"t/{key}/workbench"));
            workbench.StatusCode.ShouldBe(HttpStatusCode.OK, $"replica {replica.Number} did not take the session: {workbench.Headers.Location}");
        }

        // A file created on replica 1 with replica 1's form token, opened on replica 2; its upload form token comes from replica 2.
        var one = replicas.Hosts[0].Address;
        var two = replicas.Hosts[1].Address;
        var newFile = await browser.GetStringAsync(new Uri(one, $"t/{key}/workbench/files/new"));
        var fileNumber = "RPL-" + Guid.NewGuid().ToString("N")[..8];
        var created = await browser.PostAsync(new Uri(one, $"t/{key}/workbench/files/new"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Surname"] = "Replikat",
            ["GivenNames"] = "Test",
            ["BirthDate"] = "1980-02-03",
            ["FileNumber"] = fileNumber,
            ["ConfirmDuplicate"] = "true",
            ["__RequestVerificationToken"] = Token(newFile),
        }));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var fileId = Guid.Parse(FileLink().Match(created.Headers.Location!.ToString()).Groups[1].Value);
        var filePage = await browser.GetStringAsync(new Uri(two, $"t/{key}/workbench/files/{fileId}"));
        filePage.ShouldContain(fileNumber);
        var uploadAction = WebUtility.HtmlDecode(UploadAction().Match(filePage).Groups[1].Value);
        uploadAction.ShouldNotBeEmpty();
        var uploadToken = Token(filePage);

        // Uploads through nginx, three at a time; every third one a scan (PNG), read by OCR in the background.
        var items = Enumerable.Range(0, Uploads).Select(i => Item(i)).ToList();
        var queue = new ConcurrentQueue<UploadItem>(items);
        var accepted = new ConcurrentDictionary<Guid, UploadItem>();
        var refused = new ConcurrentBag<string>();
        var acceptedAfterKill = 0;
        var victim = new TaskCompletionSource<Replica>(TaskCreationOptions.RunContinuationsAsynchronously);
        var killDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        List<Guid> claimedByVictim = [];
        var killedAt = -1;
        var choosing = 0;

        async Task UploadAsync()
        {
            while (true)
            {
                if (victim.Task.IsCompleted)
                {
                    // The rest goes up after the kill, so that some uploads surely meet the replicas that are left.
                    await killDone.Task;
                }

                if (!queue.TryDequeue(out var item))
                {
                    break;
                }

                using var form = new MultipartFormDataContent
                {
                    { new StringContent(uploadToken), "__RequestVerificationToken" },
                    { new StringContent(item.Title), "Title" },
                };
                var bytes = new ByteArrayContent(item.Bytes);
                bytes.Headers.ContentType = new MediaTypeHeaderValue(item.ContentType);
                form.Add(bytes, "upload", item.FileName);
                HttpResponseMessage response;
                try
                {
                    response = await browser.PostAsync(new Uri(replicas.Proxy, uploadAction.TrimStart('/')), form);
                }
                catch (HttpRequestException ex)
                {
                    refused.Add($"{item.Title}: {ex.Message}");
                    continue;
                }

                using (response)
                {
                    var added = Added().Match(response.Headers.Location?.ToString() ?? "");
                    if (response.StatusCode != HttpStatusCode.Redirect || !added.Success)
                    {
                        refused.Add($"{item.Title}: {(int)response.StatusCode}");
                        continue;
                    }

                    accepted[Guid.Parse(added.Groups[1].Value)] = item;
                    if (Volatile.Read(ref killedAt) >= 0)
                    {
                        Interlocked.Increment(ref acceptedAfterKill);
                    }
                    else if (!victim.Task.IsCompleted && item.IsScan && accepted.Count >= Uploads / 3 && Interlocked.Exchange(ref choosing, 1) == 0)
                    {
                        // A scan was just committed and its text is being read: kill the replica that holds claimed
                        // outbox messages right now, in the middle of that work. With one message per authority at a
                        // time (Outbox:MaxPerTenant, docs/adr/0016) it is whichever replica took the authority's
                        // slot, not necessarily the one that answered the upload; look for it (bounded).
                        var chosen = replicas.AnsweredBy(response);
                        for (var look = 0; look < 100 && claimedByVictim.Count == 0; look++)
                        {
                            foreach (var candidate in replicas.Hosts.Where(r => !r.Killed))
                            {
                                var claims = await ClaimedByAsync(candidate);
                                if (claims.Count > 0)
                                {
                                    (chosen, claimedByVictim) = (candidate, claims);
                                    break;
                                }
                            }

                            if (claimedByVictim.Count == 0)
                            {
                                await Task.Delay(50);
                            }
                        }

                        if (chosen is not null && victim.TrySetResult(chosen))
                        {
                            chosen.Kill9();
                            Volatile.Write(ref killedAt, accepted.Count);
                            killDone.SetResult();
                        }
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(UploadAsync)));
        victim.Task.IsCompleted.ShouldBeTrue("no replica was killed: no scan was accepted after the first third of the uploads");
        var killed = await victim.Task;
        claimedByVictim.ShouldNotBeEmpty($"replica {killed.Number} had claimed no outbox message when it was killed; the kill did not test the background work");
        acceptedAfterKill.ShouldBeGreaterThan(0, "nothing was accepted after the kill");
        // Only the uploads in flight at the killed replica may have been refused.
        refused.Count.ShouldBeLessThanOrEqualTo(Workers, string.Join("; ", refused));
        accepted.Count.ShouldBe(Uploads - refused.Count);

        // The session goes on through nginx and at each replica still running.
        (await browser.GetAsync(new Uri(replicas.Proxy, $"t/{key}/workbench"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var replica in replicas.Hosts.Where(r => !r.Killed))
        {
            (await browser.GetAsync(new Uri(replica.Address, $"t/{key}/workbench"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Nothing accepted is lost: every accepted document is in the database, and its bytes come back through nginx.
        var stored = await DocumentsOfAsync(fileId);
        foreach (var (id, item) in accepted)
        {
            stored.ShouldContainKey(id, $"accepted {item.Title} is not in the database");
            stored[id].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(item.Bytes)));
            var content = await browser.GetAsync(new Uri(replicas.Proxy, $"t/{key}/workbench/documents/{id}/content"));
            content.StatusCode.ShouldBe(HttpStatusCode.OK, item.Title);
            (await content.Content.ReadAsByteArrayAsync()).ShouldBe(item.Bytes, item.Title);
        }

        // The scans' text extraction finishes on the replicas left, also for the messages the killed one had claimed.
        var scans = accepted.Where(a => a.Value.IsScan).Select(a => a.Key).ToList();
        scans.Count.ShouldBeGreaterThan(1);
        await Poll.UntilAsync(async () => (await TextDoneAsync(scans)) == scans.Count, TimeSpan.FromMinutes(4),
            () => $"the scans' text was not read after replica {killed.Number} was killed: {TextDoneAsync(scans).Result} of {scans.Count}\n"
                + string.Join("\n", replicas.Hosts.Where(r => !r.Killed).Select(r => r.Log())));
        await Poll.UntilAsync(async () => await UndeliveredAsync() == 0, TimeSpan.FromMinutes(2), () => "outbox messages are left undelivered");
        (await DeliveredAsync(claimedByVictim)).ShouldBe(claimedByVictim.Count, "messages the killed replica had claimed, delivered by the others");

        // Search through nginx finds every accepted document: text PDFs by their own word, scans by what OCR read.
        foreach (var (id, item) in accepted.Where(a => !a.Value.IsScan))
        {
            (await SearchAsync(browser, item.Word)).ShouldContain(id, $"search for {item.Word}");
        }

        var scanHits = await SearchAsync(browser, ScanWord);
        foreach (var id in scans)
        {
            scanHits.ShouldContain(id);
        }

        killedAt.ShouldBeGreaterThan(0);
        output.WriteLine($"replica {killed.Number} killed after {killedAt} accepted uploads, with {claimedByVictim.Count} outbox messages claimed; {accepted.Count} of {Uploads} accepted "
            + $"({acceptedAfterKill} after the kill, {scans.Count} scans), refused: {string.Join("; ", refused)}; data-protection keys: {await CountAsync("platform.data_protection_keys")}");
    }

    [Fact]
    public async Task Item12_ForwardedHeaders_AreBelievedFromTheTrustedProxyOnly()
    {
        var key = replicas.Tenant.Key;

        // Through nginx: the host builds its sign-in address from X-Forwarded-Host (nginx sends Host: replicas) and
        // records the client's address from X-Forwarded-For, not nginx's.
        using (var browser = NginxReplicas.Browser(new CookieContainer()))
        {
            var challenge = await browser.GetAsync(new Uri(replicas.Proxy, $"t/{key}/staff"));
            challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            challenge.Headers.Location!.IsAbsoluteUri.ShouldBeTrue();
            challenge.Headers.Location.Authority.ShouldBe(replicas.Proxy.Authority);
            await SignInAsync(browser, replicas.Proxy, key, $"cw2-{key}", "pw-cw2");
        }

        (await SignInAddressesAsync($"cw2-{key}")).ShouldBe([NginxReplicas.ClientAddress.ToString()]);

        // Straight at a replica from an address that is no trusted proxy: forged headers are ignored.
        var replica = replicas.Hosts.First(r => !r.Killed && !r.HasExited);
        using (var direct = NginxReplicas.Browser(new CookieContainer()))
        {
            using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri(replica.Address, $"t/{key}/staff"));
            forged.Headers.Add("X-Forwarded-Host", "evil.example");
            forged.Headers.Add("X-Forwarded-Proto", "https");
            forged.Headers.Add("X-Forwarded-For", "203.0.113.9");
            var answer = await direct.SendAsync(forged);
            answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            answer.Headers.Location!.GetLeftPart(UriPartial.Authority).ShouldBe(replica.Address.GetLeftPart(UriPartial.Authority));
        }

        // From the trusted proxy's address (127.0.0.1), the same headers are believed.
        using var trusted = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var proxied = new HttpRequestMessage(HttpMethod.Get, new Uri(replica.Address, $"t/{key}/staff"));
        proxied.Headers.Add("X-Forwarded-Host", "akten.example");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        var believed = await trusted.SendAsync(proxied);
        believed.Headers.Location!.GetLeftPart(UriPartial.Authority).ShouldBe("https://akten.example");
    }

    /// <summary>The built-in form sign-in, as a browser does it: the staff page sends to the form, the form back.</summary>
    private static async Task SignInAsync(HttpClient browser, Uri origin, string tenantKey, string username, string password)
    {
        var target = new Uri(origin, $"t/{tenantKey}/staff");
        var challenge = await browser.GetAsync(target);
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var login = new Uri(target, challenge.Headers.Location!);
        var page = await browser.GetStringAsync(login);
        var form = new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Password"] = password,
            ["__RequestVerificationToken"] = Token(page),
        };
        foreach (Match hidden in HiddenField().Matches(page))
        {
            form.TryAdd(WebUtility.HtmlDecode(hidden.Groups[1].Value), WebUtility.HtmlDecode(hidden.Groups[2].Value));
        }

        var posted = await browser.PostAsync(login, new FormUrlEncodedContent(form));
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var back = await browser.GetAsync(new Uri(login, posted.Headers.Location!));
        back.StatusCode.ShouldBe(HttpStatusCode.OK, $"after the sign-in: {back.Headers.Location}");
    }

    private static string Token(string page)
    {
        var match = AntiforgeryToken().Match(page);
        match.Success.ShouldBeTrue("no antiforgery token on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<List<Guid>> SearchAsync(HttpClient browser, string word)
    {
        var page = await browser.GetAsync(new Uri(replicas.Proxy, $"t/{replicas.Tenant.Key}/workbench/search?q={Uri.EscapeDataString(word)}"));
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        return [.. DocumentLink().Matches(await page.Content.ReadAsStringAsync()).Select(m => Guid.Parse(m.Groups[1].Value)).Distinct()];
    }

    /// <summary>
    /// The outbox messages the replica has claimed right now: its dispatcher claims them with <c>SELECT … FOR UPDATE
    /// SKIP LOCKED</c> and holds that transaction while the handlers run, so they carry its transaction id as xmax.
    /// </summary>
    private async Task<List<Guid>> ClaimedByAsync(Replica replica)
    {
        await using var connection = new NpgsqlConnection(replicas.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT m.id FROM platform.outbox_messages m
            WHERE m.tenant_id = $1 AND m.dispatched_at IS NULL AND m.xmax::text IN (
                SELECT l.transactionid::text FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'transactionid' AND l.granted AND a.application_name = $2)
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = replicas.Tenant.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = replica.ApplicationName });
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<long> DeliveredAsync(IReadOnlyCollection<Guid> messages)
    {
        await using var connection = new NpgsqlConnection(replicas.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM platform.outbox_messages WHERE id = ANY($1) AND dispatched_at IS NOT NULL", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = messages.ToArray() });
        return (long)(await cmd.ExecuteScalarAsync() ?? 0L);
    }

    private async Task<Dictionary<Guid, string>> DocumentsOfAsync(Guid fileId)
    {
        await using var connection = new NpgsqlConnection(replicas.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT id, sha256 FROM cases.documents WHERE tenant_id = $1 AND case_file_id = $2", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = replicas.Tenant.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = fileId });
        var result = new Dictionary<Guid, string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetGuid(0)] = reader.GetString(1);
        }

        return result;
    }

    private async Task<long> TextDoneAsync(IReadOnlyCollection<Guid> documents)
    {
        await using var connection = new NpgsqlConnection(replicas.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FROM cases.text_extractions t
            WHERE t.tenant_id = $1 AND t.document_id = ANY($2) AND t.status = 'done'
              AND EXISTS (SELECT 1 FROM cases.document_pages p WHERE p.document_id = t.document_id AND p.text LIKE '%' || $3 || '%')
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = replicas.Tenant.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = documents.ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = ScanWord });
        return (long)(await cmd.ExecuteScalarAsync() ?? 0L);
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(replicas.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await cmd.ExecuteScalarAsync() ?? 0L);
    }

    private async Task<long> UndeliveredAsync()
    {
        await using var connection = new NpgsqlConnection(replicas.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM platform.outbox_messages WHERE tenant_id = $1 AND dispatched_at IS NULL", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = replicas.Tenant.Id });
        return (long)(await cmd.ExecuteScalarAsync() ?? 0L);
    }

    private async Task<List<string>> SignInAddressesAsync(string username)
    {
        await using var connection = new NpgsqlConnection(replicas.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT DISTINCT coalesce(client_ip, '') FROM audit.events WHERE tenant_id = $1 AND action = 'signin' AND record_id = $2", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = replicas.Tenant.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = username });
        var result = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private sealed record UploadItem(string Title, string FileName, string ContentType, byte[] Bytes, string Word, bool IsScan);

    private static UploadItem Item(int i)
    {
        var word = "Replikat" + new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)]);
        if (i % 3 == 1)
        {
            // A scan: a page image without text layer, each one different so that no two share a blob.
            var png = Render(Pdf($"{ScanWord} Blatt {i + 1}"));
            return new UploadItem($"Scan {i + 1}", $"scan-{i + 1}.png", "image/png", png, ScanWord, IsScan: true);
        }

        return new UploadItem($"Antrag {i + 1}", $"antrag-{i + 1}.pdf", "application/pdf", Pdf($"Antrag {word}"), word, IsScan: false);
    }

    private static byte[] Pdf(string line) => OneLinePdf.Create(line);

    /// <summary>The page as a scanner delivers it: rendered in grey at 150 dpi by pdftoppm.</summary>
    private static byte[] Render(byte[] pdf)
    {
        var work = Directory.CreateTempSubdirectory("saas-replicas-scan-");
        try
        {
            var input = Path.Combine(work.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true };
            foreach (var argument in new[] { "-r", "150", "-gray", "-png", "-singlefile", input, Path.Combine(work.FullName, "out") })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
            return File.ReadAllBytes(Path.Combine(work.FullName, "out.png"));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<input type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("workbench/files/([0-9a-f-]{36})")]
    private static partial Regex FileLink();

    [GeneratedRegex("<form(?=[^>]*multipart/form-data)[^>]*action=\"([^\"]+)\"")]
    private static partial Regex UploadAction();

    [GeneratedRegex("added=([0-9a-f-]{36})")]
    private static partial Regex Added();

    [GeneratedRegex("workbench/documents/([0-9a-f-]{36})")]
    private static partial Regex DocumentLink();
}
