using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ConnectTools.Emulator;

/// <summary>
/// The opt-in admin HTTP API under <c>/_emulator/</c> (<see cref="EmulatorOptions.EnableAdminApi"/>, <c>--admin</c>), so a
/// test that runs the emulator as a separate process can add faults, read stats, look at the data and change the live
/// options. Admin requests need no signature and are not counted in stats or quotas. See README.md for the routes.
/// </summary>
internal sealed class AdminApi
{
    /// <summary>The path prefix of every admin route.</summary>
    public const string Prefix = "/_emulator";

    private const int MaxBodyBytes = 1024 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };
    private static readonly JsonDocumentOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly EmulatorOptions _options;
    private readonly EmulatorData _data;
    private readonly EmulatorStats _stats;
    private readonly FaultInjector _faults;
    private readonly QuotaManager _quotas;
    private readonly IssuedCredentials _issued;

    public AdminApi(EmulatorOptions options, EmulatorData data, EmulatorStats stats, FaultInjector faults, QuotaManager quotas, IssuedCredentials issued)
    {
        _issued = issued;
        _options = options;
        _data = data;
        _stats = stats;
        _faults = faults;
        _quotas = quotas;
    }

    /// <summary>True when the request is for the admin API (<c>/_emulator</c> or below).</summary>
    public static bool IsAdminPath(PathString path) =>
        path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Method.ToUpperInvariant();
        var path = http.Request.Path.Value ?? "";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(Uri.UnescapeDataString).ToArray();
        try
        {
            var body = await ReadBodyAsync(http.Request).ConfigureAwait(false);
            switch (segments)
            {
                case ["faults"] when method == "POST":
                    AddFault(body);
                    await WriteAsync(http, 201, w => WriteFaults(w)).ConfigureAwait(false);
                    return;
                case ["faults"] when method == "GET":
                    await WriteAsync(http, 200, w => WriteFaults(w)).ConfigureAwait(false);
                    return;
                case ["faults"] when method == "DELETE":
                    _faults.Clear();
                    await WriteAsync(http, 200, w => WriteFaults(w)).ConfigureAwait(false);
                    return;
                case ["stats"] when method == "GET":
                    await WriteAsync(http, 200, WriteStats).ConfigureAwait(false);
                    return;
                case ["requests"] when method == "GET":
                    await WriteAsync(http, 200, WriteRequests).ConfigureAwait(false);
                    return;
                case ["reset"] when method == "POST":
                    _stats.Reset();
                    _quotas.Reset();
                    await WriteAsync(http, 200, WriteStats).ConfigureAwait(false);
                    return;
                case ["data"] when method == "GET":
                    await WriteAsync(http, 200, WriteData).ConfigureAwait(false);
                    return;
                case ["users"] when method == "POST":
                    var added = AddUser(body);
                    await WriteAsync(http, 201, w => WriteUser(w, added)).ConfigureAwait(false);
                    return;
                case ["users", var instanceId, var userId] when method == "DELETE":
                    var instance = _data.FindInstance(instanceId) ?? throw new AdminError(404, $"No instance '{instanceId}'.");
                    if (!instance.RemoveUser(userId))
                    {
                        throw new AdminError(404, $"No user '{userId}' in instance '{instance.Id}'.");
                    }

                    http.Response.StatusCode = 204;
                    return;
                case ["options"] when method == "PUT":
                    SetOptions(body);
                    await WriteAsync(http, 200, WriteOptions).ConfigureAwait(false);
                    return;
                case ["credentials"] when method == "GET":
                    await WriteAsync(http, 200, WriteIssuedCredentials).ConfigureAwait(false);
                    return;
                case ["options"] when method == "GET":
                    await WriteAsync(http, 200, WriteOptions).ConfigureAwait(false);
                    return;
                default:
                    throw new AdminError(404, $"No admin route {method} {path}. See the emulator's README.md.");
            }
        }
        catch (AdminError e)
        {
            await WriteErrorAsync(http, e.StatusCode, e.Message).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(http, 400, "The body is not valid JSON: " + e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            await WriteErrorAsync(http, 400, e.Message).ConfigureAwait(false);
        }
    }

    private void AddFault(byte[] body)
    {
        using var doc = Parse(body);
        var o = doc.RootElement;
        var rule = new FaultRule
        {
            Operation = String(o, "Operation"),
            Kind = Enum(o, "Kind", FaultKind.Status),
            Probability = Double(o, "Probability") ?? 1.0,
            Count = Int(o, "Count"),
            Duration = Int(o, "DurationMs") is { } duration ? TimeSpan.FromMilliseconds(duration) : null,
            StartAfter = TimeSpan.FromMilliseconds(Int(o, "StartAfterMs") ?? 0),
            StatusCode = Int(o, "StatusCode") ?? 500,
            ErrorCode = String(o, "ErrorCode"),
            Message = String(o, "Message"),
            Delay = TimeSpan.FromMilliseconds(Int(o, "DelayMs") ?? 2000),
            HugePageSize = Int(o, "HugePageSize") ?? 10_000,
        };
        if (rule.Operation is not null && !OperationNames.All.Contains(rule.Operation, StringComparer.Ordinal))
        {
            throw new AdminError(400, $"Unknown Operation '{rule.Operation}'; use one of {string.Join(", ", OperationNames.All)} or leave it out for any.");
        }

        if (rule.Count is < 0 || rule.Duration < TimeSpan.Zero || rule.StartAfter < TimeSpan.Zero || rule.Delay < TimeSpan.Zero || rule.HugePageSize < 1)
        {
            throw new AdminError(400, "Count, DurationMs, StartAfterMs and DelayMs cannot be negative; HugePageSize must be at least 1.");
        }

        if (rule.Kind == FaultKind.Barrier && rule.Count is not > 0)
        {
            throw new AdminError(400, "A Barrier needs a Count of at least 1 (how many requests it holds until all have arrived); DelayMs is the longest one is held.");
        }

        _faults.Add(rule);
    }

    private EmulatorUser AddUser(byte[] body)
    {
        using var doc = Parse(body);
        var o = doc.RootElement;
        var instanceId = String(o, "InstanceId") ?? throw new AdminError(400, "InstanceId is required.");
        var instance = _data.FindInstance(instanceId) ?? throw new AdminError(404, $"No instance '{instanceId}'.");
        var userJson = Property(o, "User") is { ValueKind: JsonValueKind.Object } u ? u.GetRawText() : throw new AdminError(400, "User (an object in the shape of DescribeUser's User) is required.");
        var user = JsonSerializer.Deserialize(userJson, SeedJsonContext.Default.EmulatorUser) ?? throw new AdminError(400, "User is null.");
        if (string.IsNullOrEmpty(user.Username))
        {
            throw new AdminError(400, "User.Username is required.");
        }

        if (!string.IsNullOrEmpty(user.Id) && instance.FindUser(user.Id) is not null)
        {
            throw new AdminError(409, $"Instance '{instance.Id}' already has a user '{user.Id}'.");
        }

        return instance.AddUser(user);
    }

    private void SetOptions(byte[] body)
    {
        using var doc = Parse(body);
        var o = doc.RootElement;
        if (Int(o, "LatencyMs") is { } latency)
        {
            _options.Latency = latency >= 0 ? TimeSpan.FromMilliseconds(latency) : throw new AdminError(400, "LatencyMs cannot be negative.");
        }

        if (Bool(o, "DisableQuotas") is { } disableQuotas)
        {
            _options.DisableQuotas = disableQuotas;
        }

        if (Property(o, "ErrorForm") is not null)
        {
            _options.ErrorForm = Enum(o, "ErrorForm", _options.ErrorForm);
        }

        if (Bool(o, "RequireSignature") is { } requireSignature)
        {
            _options.RequireSignature = requireSignature;
        }

        if (Bool(o, "IncludeUnknownMembers") is { } unknownMembers)
        {
            _options.IncludeUnknownMembers = unknownMembers;
        }

        if (Int(o, "SignatureWindowSec") is { } window)
        {
            _options.SignatureWindow = window >= 1 ? TimeSpan.FromSeconds(window) : throw new AdminError(400, "SignatureWindowSec must be 1 or more.");
        }

        if (Int(o, "CredentialLifetimeSec") is { } lifetime)
        {
            _options.CredentialLifetime = lifetime >= 1 ? TimeSpan.FromSeconds(lifetime) : throw new AdminError(400, "CredentialLifetimeSec must be 1 or more.");
        }
    }

    /// <summary>The temporary credentials issued so far: key ids, sources, times and use counts; never a secret or token.</summary>
    private void WriteIssuedCredentials(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("Issued");
        foreach (var c in _issued.All)
        {
            w.WriteStartObject();
            w.WriteString("AccessKeyId", c.AccessKeyId);
            w.WriteString("Source", c.Source);
            WriteStringOrNull(w, "RoleArn", c.RoleArn);
            WriteStringOrNull(w, "ExternalId", c.ExternalId);
            w.WriteString("IssuedAt", c.IssuedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("ExpiresAt", c.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteNumber("Requests", c.Requests);
            if (c.LastUsedAt is { } last)
            {
                w.WriteString("LastUsedAt", last.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNull("LastUsedAt");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteFaults(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("Rules");
        foreach (var active in _faults.Rules)
        {
            var r = active.Rule;
            w.WriteStartObject();
            WriteStringOrNull(w, "Operation", r.Operation);
            w.WriteString("Kind", r.Kind.ToString());
            w.WriteNumber("Probability", r.Probability);
            if (r.Count is { } count)
            {
                w.WriteNumber("Count", count);
            }

            if (r.Duration is { } duration)
            {
                w.WriteNumber("DurationMs", (long)duration.TotalMilliseconds);
            }

            w.WriteNumber("StartAfterMs", (long)r.StartAfter.TotalMilliseconds);
            w.WriteNumber("StatusCode", r.StatusCode);
            WriteStringOrNull(w, "ErrorCode", r.ErrorCode);
            WriteStringOrNull(w, "Message", r.Message);
            w.WriteNumber("DelayMs", (long)r.Delay.TotalMilliseconds);
            w.WriteNumber("HugePageSize", r.HugePageSize);
            w.WriteNumber("Applied", active.Applied);
            w.WriteBoolean("IsExpired", active.IsExpired);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The recorded requests, oldest first: who signed them (access key id, never a secret) and with what User-Agent.</summary>
    private void WriteRequests(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (var r in _stats.Requests)
        {
            w.WriteStartObject();
            w.WriteString("Operation", r.Operation);
            w.WriteNumber("StatusCode", r.StatusCode);
            w.WriteString("ErrorCode", r.ErrorCode);
            w.WriteString("AccessKeyId", r.AccessKeyId);
            w.WriteString("UserAgent", r.UserAgent);
            w.WriteString("RequestId", r.RequestId);
            w.WriteString("ReceivedAt", r.ReceivedAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private void WriteStats(Utf8JsonWriter w)
    {
        var operations = _stats.Operations;
        var names = OperationNames.All.Concat(operations.Keys).Distinct(StringComparer.Ordinal).ToList();
        w.WriteStartObject();
        w.WriteNumber("TotalRequests", operations.Values.Sum(s => s.Requests));
        w.WriteNumber("TotalThrottled", operations.Values.Sum(s => s.Throttled));
        w.WriteNumber("TotalSignatureFailures", operations.Values.Sum(s => s.SignatureFailures));
        w.WriteNumber("TotalFaultsInjected", operations.Values.Sum(s => s.FaultsInjected));
        w.WriteNumber("MaxConcurrentRequests", _stats.MaxConcurrentRequests);
        w.WriteNumber("InFlight", _stats.InFlight);
        w.WriteStartObject("Operations");
        foreach (var name in names)
        {
            operations.TryGetValue(name, out var s);
            w.WriteStartObject(name);
            w.WriteNumber("Requests", s?.Requests ?? 0);
            w.WriteNumber("Throttled", s?.Throttled ?? 0);
            w.WriteNumber("SignatureFailures", s?.SignatureFailures ?? 0);
            w.WriteNumber("FaultsInjected", s?.FaultsInjected ?? 0);
            w.WriteStartObject("ResponsesByStatus");
            foreach (var (status, count) in s?.ResponsesByStatus ?? new Dictionary<int, long>())
            {
                w.WriteNumber(status.ToString(CultureInfo.InvariantCulture), count);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void WriteData(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("Region", _data.Region);
        w.WriteString("AccountId", _data.AccountId);
        w.WriteStartArray("Instances");
        foreach (var instance in _data.Instances)
        {
            w.WriteStartObject();
            w.WriteString("Id", instance.Id);
            WriteStringOrNull(w, "Arn", instance.Arn);
            WriteStringOrNull(w, "InstanceAlias", instance.InstanceAlias);
            WriteStringOrNull(w, "InstanceStatus", instance.InstanceStatus);
            WriteStringOrNull(w, "IdentityManagementType", instance.IdentityManagementType);
            var users = instance.Users;
            w.WriteNumber("UserCount", users.Count);
            w.WriteStartArray("Users");
            foreach (var user in users)
            {
                WriteUser(w, user);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter w, EmulatorUser user)
    {
        w.WriteStartObject();
        w.WriteString("Id", user.Id);
        WriteStringOrNull(w, "Arn", user.Arn);
        w.WriteString("Username", user.Username);
        WriteStringOrNull(w, "FirstName", user.IdentityInfo?.FirstName);
        WriteStringOrNull(w, "LastName", user.IdentityInfo?.LastName);
        WriteStringOrNull(w, "Email", user.IdentityInfo?.Email);
        WriteStringOrNull(w, "PhoneType", user.PhoneConfig?.PhoneType);
        WriteStringOrNull(w, "RoutingProfileId", user.RoutingProfileId);
        WriteStringOrNull(w, "HierarchyGroupId", user.HierarchyGroupId);
        w.WriteStartArray("SecurityProfileIds");
        foreach (var id in user.SecurityProfileIds ?? [])
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteStartObject("Tags");
        foreach (var (key, value) in user.Tags ?? [])
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        WriteStringOrNull(w, "InstanceId", user.Instance?.Id);
        w.WriteEndObject();
    }

    private void WriteOptions(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("LatencyMs", (long)_options.Latency.TotalMilliseconds);
        w.WriteBoolean("DisableQuotas", _options.DisableQuotas);
        w.WriteString("ErrorForm", _options.ErrorForm.ToString());
        w.WriteBoolean("RequireSignature", _options.RequireSignature);
        w.WriteBoolean("IncludeUnknownMembers", _options.IncludeUnknownMembers);
        w.WriteNumber("SignatureWindowSec", (long)_options.SignatureWindow.TotalSeconds);
        w.WriteNumber("CredentialLifetimeSec", (long)_options.CredentialLifetime.TotalSeconds);
        w.WriteEndObject();
    }

    private static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string message) =>
        http.Response.HasStarted
            ? Task.CompletedTask
            : WriteAsync(http, status, w =>
            {
                w.WriteStartObject();
                w.WriteString("Error", message);
                w.WriteEndObject();
            });

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            throw new AdminError(413, "The body is too large.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return buffer.Length > MaxBodyBytes ? throw new AdminError(413, "The body is too large.") : buffer.ToArray();
    }

    private static JsonDocument Parse(byte[] body)
    {
        if (body.Length == 0)
        {
            throw new AdminError(400, "A JSON object body is required.");
        }

        var doc = JsonDocument.Parse(body, ReaderOptions);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new AdminError(400, "The body must be a JSON object.");
        }

        return doc;
    }

    private static JsonElement? Property(JsonElement o, string name)
    {
        foreach (var p in o.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value.ValueKind == JsonValueKind.Null ? null : p.Value;
            }
        }

        return null;
    }

    private static string? String(JsonElement o, string name) => Property(o, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => throw new AdminError(400, $"{name} must be a string."),
    };

    private static int? Int(JsonElement o, string name) => Property(o, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var n) => n,
        _ => throw new AdminError(400, $"{name} must be a whole number."),
    };

    private static double? Double(JsonElement o, string name) => Property(o, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        _ => throw new AdminError(400, $"{name} must be a number."),
    };

    private static bool? Bool(JsonElement o, string name) => Property(o, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new AdminError(400, $"{name} must be true or false."),
    };

    private static T Enum<T>(JsonElement o, string name, T defaultValue)
        where T : struct, Enum
    {
        var text = String(o, name);
        if (text is null)
        {
            return defaultValue;
        }

        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new AdminError(400, $"{name} '{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private sealed class AdminError(int statusCode, string message) : Exception(message)
    {
        public int StatusCode { get; } = statusCode;
    }
}
