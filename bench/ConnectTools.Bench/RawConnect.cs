using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Bench;

/// <summary>
/// The baseline of row O: DescribeUser with a bare HttpClient (a SocketsHttpHandler set up like the core's:
/// 64 connections, gzip/deflate) and a minimal SigV4 signer, deserialized with System.Text.Json into the core's own
/// public ConnectUser type. The emulator verifies the signatures, so this is a valid client, not a shortcut.
/// </summary>
internal sealed class RawConnect : IDisposable
{
    private const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new EpochSeconds() },
    };

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly string _region;
    private readonly string _host;
    private volatile Tuple<string, byte[]>? _signingKey; // (yyyyMMdd, key): derived once a day, like the SDK

    internal RawConnect(Uri baseUrl, string region)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { Timeout = TimeSpan.FromSeconds(60) };
        _base = baseUrl;
        _region = region;
        _host = baseUrl.Authority; // 127.0.0.1:port, as HttpClient sends it
    }

    internal async Task<ConnectTools.ConnectUser> DescribeUserAsync(string instanceId, string userId, CancellationToken ct)
    {
        // Ids are GUIDs (unreserved characters), so the path needs no percent-encoding, single or double.
        string path = "/users/" + instanceId + "/" + userId;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, path));
        Sign(request, "GET", path, DateTime.UtcNow);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HttpRequestException($"DescribeUser {userId}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var body = await JsonSerializer.DeserializeAsync<DescribeUserBody>(stream, Json, ct).ConfigureAwait(false);
        return body?.User ?? throw new InvalidOperationException("DescribeUser: no User in the response.");
    }

    /// <summary>SigV4, Authorization header form, signing host and x-amz-date over an empty payload.</summary>
    private void Sign(HttpRequestMessage request, string method, string canonicalPath, DateTime now)
    {
        string amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string date = amzDate[..8];
        var key = _signingKey;
        if (key == null || key.Item1 != date)
            _signingKey = key = Tuple.Create(date, DeriveKey(Repo.DemoSecretKey, date, _region));

        string canonical = method + "\n" + canonicalPath + "\n\n" + "host:" + _host + "\n" + "x-amz-date:" + amzDate + "\n\n" +
                           "host;x-amz-date\n" + EmptyBodySha256;
        string scope = date + "/" + _region + "/connect/aws4_request";
        string toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        string signature = Convert.ToHexStringLower(HMACSHA256.HashData(key.Item2, Encoding.UTF8.GetBytes(toSign)));
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=" + Repo.DemoAccessKey + "/" + scope + ", SignedHeaders=host;x-amz-date, Signature=" + signature);
    }

    private static byte[] DeriveKey(string secret, string date, string region)
    {
        byte[] k = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        k = HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(region));
        k = HMACSHA256.HashData(k, "connect"u8.ToArray());
        return HMACSHA256.HashData(k, "aws4_request"u8.ToArray());
    }

    public void Dispose() => _http.Dispose();

    private sealed class DescribeUserBody
    {
        public ConnectTools.ConnectUser? User { get; set; }
    }

    /// <summary>Epoch seconds (as the service sends timestamps) to a UTC DateTime.</summary>
    private sealed class EpochSeconds : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTime.UnixEpoch.AddTicks((long)(reader.GetDecimal() * TimeSpan.TicksPerSecond));

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteNumberValue((decimal)(value - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond);
    }
}
