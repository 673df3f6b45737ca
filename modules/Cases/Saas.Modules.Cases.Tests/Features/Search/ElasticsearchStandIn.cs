using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Saas.Modules.Cases.Tests.Features.Search;

/// <summary>
/// An HTTP stand-in for an Elasticsearch node (none can run here), on a real socket, so the tests see what the
/// official client puts on the wire: method, path and query, headers, body. It keeps every request.
/// <list type="bullet">
/// <item>It checks the REST API compatibility headers as Elasticsearch does: a <c>compatible-with=N</c> on
/// <c>Accept</c> needs the same on <c>Content-Type</c> (when there is a body) and N must be the server's major or the
/// one before; otherwise 400 <c>media_type_header_exception</c> with Elasticsearch's own wording. With
/// <see cref="Major"/> = 8 it answers as an Elasticsearch 8 node does to a 9.x client.</item>
/// <item>Every answer carries <c>X-Elastic-Product: Elasticsearch</c> unless <see cref="ProductHeader"/> is off,
/// and the vendor media type the request asked for.</item>
/// <item>Answers queued with <see cref="Reply"/> (files from Recorded/) come first. Without one it keeps indices
/// and documents in memory: create and delete an index, <c>_bulk</c> index actions, <c>_delete_by_query</c> and
/// <c>_search</c> with the term and range filters of a bool query. Full text is matched only as lower-case words
/// contained in <c>text</c> or <c>title</c>: no analysis, no ranking beyond a count, no highlighter. It is there to
/// show which documents are in which index under which fields, not how Elasticsearch scores.</item>
/// </list>
/// </summary>
internal sealed class ElasticsearchStandIn : IAsyncDisposable
{
    private static readonly string Recorded = Path.Combine(AppContext.BaseDirectory, "Features", "Search", "Recorded");
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(HttpStatusCode Status, string File)> replies = new();

    private ElasticsearchStandIn(WebApplication app)
    {
        this.app = app;
    }

    public string Url => app.Urls.First();

    /// <summary>The major version the node speaks: 9, or 8 to answer as an Elasticsearch 8 node.</summary>
    public int Major { get; set; } = 9;

    /// <summary>Whether answers carry <c>X-Elastic-Product: Elasticsearch</c>, as every Elasticsearch 7.14+ answer does.</summary>
    public bool ProductHeader { get; set; } = true;

    public ConcurrentQueue<WireRequest> Requests { get; } = new();

    public ConcurrentDictionary<string, StandInIndex> Indices { get; } = new(StringComparer.Ordinal);

    public static async Task<ElasticsearchStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath(), EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var server = new ElasticsearchStandIn(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Queues a recorded answer for the next request.</summary>
    public ElasticsearchStandIn Reply(HttpStatusCode status, string file)
    {
        replies.Enqueue((status, file));
        return this;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        // The client compresses request bodies (gzip), as Elasticsearch accepts them.
        var gzip = string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
        await using var content = gzip ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        using var reader = new StreamReader(content, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var wire = new WireRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", headers, body.Length == 0 ? null : body);
        Requests.Enqueue(wire);

        var accept = headers.GetValueOrDefault("Accept");
        var contentType = headers.GetValueOrDefault("Content-Type");
        if (ProductHeader)
        {
            context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        }

        var refusal = CompatibilityRefusal(accept, wire.Body is null ? null : contentType);
        var (status, answer) = refusal is not null ? (400, refusal)
            : replies.TryDequeue(out var reply) ? ((int)reply.Status, JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Recorded, reply.File)))!)
            : Answer(wire);
        context.Response.StatusCode = status;
        // Elasticsearch answers in the vendor type (without the version) when the request asked for it.
        context.Response.ContentType = accept?.Contains("application/vnd.elasticsearch+json", StringComparison.Ordinal) == true && refusal is null
            ? $"application/vnd.elasticsearch+json;compatible-with={Major}"
            : "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    /// <summary>Elasticsearch's check of <c>compatible-with</c> (RestCompatibleVersionHelper), with its messages.</summary>
    private JsonNode? CompatibilityRefusal(string? accept, string? contentType)
    {
        var acceptVersion = CompatibleWith(accept);
        var contentVersion = CompatibleWith(contentType);
        string? reason = null;
        if (acceptVersion is { } a && a != Major && a != Major - 1)
        {
            reason = $"Accept version must be either version {Major} or {Major - 1}, but found {a}. Accept={accept}";
        }
        else if (contentVersion is { } c && c != Major && c != Major - 1)
        {
            reason = $"Content-Type version must be either version {Major} or {Major - 1}, but found {c}. Content-Type={contentType}";
        }
        else if (contentType is not null && acceptVersion != contentVersion)
        {
            reason = "A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version " +
                     $"and the compatible versions must match. Accept={accept}, Content-Type={contentType}";
        }

        if (reason is null)
        {
            return null;
        }

        var cause = new JsonObject { ["type"] = "media_type_header_exception", ["reason"] = "Invalid media-type value on headers [Accept, Content-Type]" };
        return new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["root_cause"] = new JsonArray(cause.DeepClone()),
                ["type"] = "media_type_header_exception",
                ["reason"] = "Invalid media-type value on headers [Accept, Content-Type]",
                ["caused_by"] = new JsonObject { ["type"] = "status_exception", ["reason"] = reason },
            },
            ["status"] = 400,
        };
    }

    private static int? CompatibleWith(string? mediaType)
    {
        var match = mediaType is null ? null : Regex.Match(mediaType, @"compatible-with\s*=\s*(\d+)", RegexOptions.CultureInvariant);
        return match is { Success: true } ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private (int, JsonNode) Answer(WireRequest request)
    {
        var segments = request.Path.Trim('/').Split('/');
        var name = segments[0];
        var action = segments.Length > 1 ? segments[1] : null;
        var index = Indices.GetValueOrDefault(name);
        switch (request.Method, action)
        {
            case ("PUT", null):
                if (!Indices.TryAdd(name, new StandInIndex(JsonNode.Parse(request.Body ?? "{}")!, AutoCreated: false)))
                {
                    return (400, Error("resource_already_exists_exception", $"index [{name}/Xq3vN8mUTB6bJ0yR2cLw1g] already exists", name));
                }

                return (200, new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = name });
            case ("DELETE", null):
                return Indices.TryRemove(name, out _) ? (200, new JsonObject { ["acknowledged"] = true }) : (404, NotFound(name));
            case ("POST", "_bulk"):
                // Elasticsearch would create a missing index here, with dynamic mappings: noted, so a test can refuse it.
                index ??= Indices.GetOrAdd(name, _ => new StandInIndex(new JsonObject(), AutoCreated: true));
                return (200, Bulk(name, index, request.Body ?? ""));
            case ("POST", "_delete_by_query") when index is null:
            case ("POST", "_search") when index is null:
                return (404, NotFound(name));
            case ("POST", "_delete_by_query"):
                var deleted = index.Documents.Where(d => Matches(d.Value, Body(request)["query"])).Select(d => d.Key).ToList();
                deleted.ForEach(id => index.Documents.TryRemove(id, out _));
                return (200, new JsonObject { ["took"] = 1, ["timed_out"] = false, ["total"] = deleted.Count, ["deleted"] = deleted.Count, ["failures"] = new JsonArray() });
            case ("POST", "_search"):
                return (200, Search(name, index, Body(request)));
            default:
                return (400, Error("illegal_argument_exception", $"the stand-in does not answer {request.Method} {request.Path}", name));
        }
    }

    private static JsonObject Body(WireRequest request) => JsonNode.Parse(request.Body ?? "{}")!.AsObject();

    private static JsonObject Bulk(string name, StandInIndex index, string body)
    {
        var items = new JsonArray();
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            var id = (string)JsonNode.Parse(lines[i])!["index"]!["_id"]!;
            var created = index.Documents.TryAdd(id, JsonNode.Parse(lines[i + 1])!.AsObject());
            if (!created)
            {
                index.Documents[id] = JsonNode.Parse(lines[i + 1])!.AsObject();
            }

            items.Add(new JsonObject
            {
                ["index"] = new JsonObject { ["_index"] = name, ["_id"] = id, ["_version"] = 1, ["result"] = created ? "created" : "updated", ["status"] = created ? 201 : 200 },
            });
        }

        return new JsonObject { ["errors"] = false, ["took"] = 1, ["items"] = items };
    }

    private static JsonObject Search(string name, StandInIndex index, JsonObject body)
    {
        var query = body["query"];
        var words = ((string?)Many(query?["bool"]?["must"]).FirstOrDefault()?["simple_query_string"]?["query"] ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.StartsWith('-') && w != "|")
            .Select(w => w.Trim('"').ToLowerInvariant())
            .Where(w => w.Length > 0)
            .ToList();
        // Fields, in the specification's words: one field or an array of them.
        var excludes = body["_source"]?["excludes"] switch
        {
            JsonArray many => many.Select(e => (string)e!).ToHashSet(),
            JsonValue one => [(string)one!],
            _ => [],
        };
        var hits = index.Documents
            .Where(d => Matches(d.Value, query))
            .Select(d => (d.Key, Source: d.Value, Score: words.Sum(w => Count(d.Value, w))))
            .Where(d => words.All(w => Count(d.Source, w) > 0))
            .OrderByDescending(d => d.Score).ThenByDescending(d => (string?)d.Source["created_at"]).ThenBy(d => (int?)d.Source["page"])
            .Take((int?)body["size"] ?? 10)
            .Select(d =>
            {
                var source = d.Source.DeepClone().AsObject();
                foreach (var field in excludes)
                {
                    source.Remove(field);
                }

                return (JsonNode)new JsonObject { ["_index"] = name, ["_id"] = d.Key, ["_score"] = (double)d.Score, ["_source"] = source };
            });
        return new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
            ["hits"] = new JsonObject { ["max_score"] = null, ["hits"] = new JsonArray([.. hits]) },
        };
    }

    private static int Count(JsonObject source, string word) =>
        new[] { (string?)source["text"], (string?)source["title"] }
            .Sum(value => value is null ? 0 : Regex.Count(value.ToLowerInvariant(), Regex.Escape(word), RegexOptions.CultureInvariant));

    /// <summary>The bool query's filters: term (exact) and range (gt, gte, lt, lte, compared as numbers or as ISO text).</summary>
    private static bool Matches(JsonObject source, JsonNode? query)
    {
        foreach (var filter in Many(query?["bool"]?["filter"]))
        {
            if (filter?["term"] is JsonObject term)
            {
                var (field, expected) = term.Single();
                var value = expected is JsonObject wrapped ? wrapped["value"] : expected;
                if (source[field]?.ToJsonString() != value?.ToJsonString())
                {
                    return false;
                }
            }
            else if (filter?["range"] is JsonObject range)
            {
                var (field, bounds) = range.Single();
                var actual = source[field];
                foreach (var (op, bound) in bounds!.AsObject())
                {
                    var order = actual is JsonValue number && number.TryGetValue<int>(out var n)
                        ? n.CompareTo((int)bound!)
                        : string.CompareOrdinal((string?)actual, (string?)bound);
                    var holds = op switch { "gt" => order > 0, "gte" => order >= 0, "lt" => order < 0, "lte" => order <= 0, _ => true };
                    if (!holds)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>One query or an array of them, as the specification allows for a bool query's clauses.</summary>
    private static IEnumerable<JsonNode?> Many(JsonNode? node) => node switch
    {
        JsonArray array => array.AsEnumerable(),
        null => Enumerable.Empty<JsonNode?>(),
        _ => new[] { node },
    };

    private static JsonObject NotFound(string name) => Error("index_not_found_exception", $"no such index [{name}]", name, 404);

    private static JsonObject Error(string type, string reason, string index, int status = 400)
    {
        var cause = new JsonObject { ["type"] = type, ["reason"] = reason, ["index"] = index };
        var error = cause.DeepClone().AsObject();
        error["root_cause"] = new JsonArray(cause);
        return new JsonObject { ["error"] = error, ["status"] = status };
    }
}

/// <summary>An index of the stand-in: the body it was created with, and its documents by id.</summary>
internal sealed record StandInIndex(JsonNode Definition, bool AutoCreated)
{
    public ConcurrentDictionary<string, JsonObject> Documents { get; } = new(StringComparer.Ordinal);
}

/// <summary>A request as it arrived on the wire.</summary>
internal sealed record WireRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string Line => $"{Method} {Path}{Query}";

    public JsonNode Json => JsonNode.Parse(Body!)!;

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
