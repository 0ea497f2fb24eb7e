using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ConnectTools.Emulator;

/// <summary>The parts of an HTTP request a SigV4 signature covers.</summary>
internal sealed class SignedRequest
{
    public required string Method { get; init; }

    /// <summary>The path exactly as sent (still percent-encoded).</summary>
    public required string RawPath { get; init; }

    /// <summary>The query string exactly as sent, without '?'.</summary>
    public required string RawQuery { get; init; }

    /// <summary>Lower-case header name to its values.</summary>
    public required Func<string, string?> Header { get; init; }

    public required byte[] Body { get; init; }
}

/// <summary>
/// Verifies AWS Signature Version 4 (Authorization header form) for the "connect" service in one region.
/// Error messages and log text never contain a secret key or a session token.
/// </summary>
internal sealed class SigV4Verifier
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Service = "connect";
    private const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private readonly IReadOnlyDictionary<string, string> _secrets;
    private readonly string? _region;
    private readonly string _service;
    private readonly IssuedCredentials? _issued;
    private readonly Func<TimeSpan> _window;
    private readonly ConcurrentDictionary<(string AccessKey, string Date, string Region), byte[]> _signingKeys = new();

    /// <param name="secrets">Long-term access key ids and their secrets.</param>
    /// <param name="region">The region requests must be signed for; null accepts any (STS's global endpoint).</param>
    /// <param name="service">The signing name of the service.</param>
    /// <param name="issued">Temporary credentials the emulator issued: accepted with their session token until they expire.</param>
    /// <param name="window">How far X-Amz-Date may be from now (read on every request); 5 minutes when not given.</param>
    public SigV4Verifier(IReadOnlyDictionary<string, string> secrets, string? region, string service = Service, IssuedCredentials? issued = null, Func<TimeSpan>? window = null)
    {
        _secrets = secrets;
        _region = region;
        _service = service;
        _issued = issued;
        _window = window ?? (() => TimeSpan.FromMinutes(5));
    }

    /// <summary>Returns the access key id of a correctly signed request, or throws a 403 <see cref="ApiException"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="now">The current time.</param>
    /// <param name="diagnostic">On a signature mismatch, the canonical request and string to sign (secrets redacted) for the log.</param>
    public string Verify(SignedRequest request, DateTimeOffset now, out string? diagnostic)
    {
        diagnostic = null;
        var authorization = request.Header("authorization");
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw new ApiException(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var auth = ParseAuthorization(authorization);
        var scope = auth.Credential.Split('/');
        if (scope.Length != 5)
        {
            throw Incomplete($"Credential should be scoped to a valid region, not '{(scope.Length > 2 ? scope[2] : "")}'.");
        }

        var (accessKey, scopeDate, scopeRegion, scopeService, terminator) = (scope[0], scope[1], scope[2], scope[3], scope[4]);
        IssuedCredential? temporary = null;
        if (!_secrets.TryGetValue(accessKey, out var secret))
        {
            if (_issued is null || !_issued.TryGet(accessKey, out temporary))
            {
                throw new ApiException(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
            }

            // Temporary credentials are only valid with their own session token, and only until they expire.
            var presented = request.Header("x-amz-security-token");
            if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(temporary.SessionToken)))
            {
                throw new ApiException(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
            }

            if (temporary.ExpiresAt <= now)
            {
                throw new ApiException(403, "ExpiredTokenException", "The security token included in the request is expired");
            }

            secret = temporary.SecretAccessKey;
        }

        if (_region is not null && !string.Equals(scopeRegion, _region, StringComparison.Ordinal))
        {
            throw Invalid($"Credential should be scoped to a valid region, not '{scopeRegion}'.");
        }

        if (!string.Equals(scopeService, _service, StringComparison.Ordinal))
        {
            throw Invalid($"Credential should be scoped to correct service: '{_service}'.");
        }

        if (!string.Equals(terminator, "aws4_request", StringComparison.Ordinal))
        {
            throw Invalid("Credential should be scoped with a valid terminator: 'aws4_request', not '" + terminator + "'.");
        }

        var signedHeaders = auth.SignedHeaders.Split(';');
        if (!signedHeaders.Contains("host"))
        {
            throw Incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        if (request.Header("x-amz-security-token") is not null && !signedHeaders.Contains("x-amz-security-token"))
        {
            throw Invalid("'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var amzDate = request.Header("x-amz-date");
        if (amzDate is null || !signedHeaders.Contains("x-amz-date"))
        {
            throw Incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header, signed.");
        }

        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw Incomplete($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'.");
        }

        CheckSkew(signedAt, now, amzDate, _window());
        if (!string.Equals(scopeDate, amzDate[..8], StringComparison.Ordinal))
        {
            throw Invalid($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        var payloadHash = PayloadHash(request);
        var canonical = CanonicalRequest(request, signedHeaders, auth.SignedHeaders, payloadHash);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scopeDate}/{scopeRegion}/{scopeService}/aws4_request\n{Sha256Hex(canonical)}";
        var key = _signingKeys.GetOrAdd((accessKey, scopeDate, scopeRegion), k => DeriveKey(secret, k.Date, k.Region, _service));
        if (_signingKeys.Count > 1024)
        {
            _signingKeys.Clear();
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature.ToLowerInvariant())))
        {
            var token = request.Header("x-amz-security-token");
            var redacted = string.IsNullOrEmpty(token) ? canonical : canonical.Replace(token, "<redacted>", StringComparison.Ordinal);
            diagnostic = $"canonical request:\n{redacted}\nstring to sign:\n{stringToSign}";
            throw Invalid("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        temporary?.CountUse(now);
        return accessKey;
    }

    /// <summary>The SigV4 signing key (public so the test-suite vectors can check it).</summary>
    public static byte[] DeriveKey(string secret, string date, string region) => DeriveKey(secret, date, region, Service);

    /// <summary>The SigV4 signing key for <paramref name="service"/>.</summary>
    public static byte[] DeriveKey(string secret, string date, string region, string service)
    {
        var kDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        var kRegion = HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(region));
        var kService = HMACSHA256.HashData(kRegion, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(kService, "aws4_request"u8);
    }

    /// <summary>The canonical request of SigV4 (non-S3: each path segment encoded twice).</summary>
    internal static string CanonicalRequest(SignedRequest request, string[] signedHeaders, string signedHeaderList, string payloadHash)
    {
        var builder = new StringBuilder(512);
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalUri(request.RawPath)).Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(request.Header(name) ?? "")).Append('\n');
        }

        builder.Append('\n').Append(signedHeaderList).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    internal static string CanonicalUri(string rawPath)
    {
        if (rawPath.Length == 0 || rawPath == "/")
        {
            return "/";
        }

        var segments = rawPath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = UriEncoding.Encode(UriEncoding.Encode(UriEncoding.Decode(segments[i])));
        }

        return string.Join('/', segments);
    }

    internal static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0 || rawQuery == "?")
        {
            return "";
        }

        var pairs = UriEncoding.QueryPairs(rawQuery)
            .Select(p => (Key: UriEncoding.Encode(p.Key), Value: UriEncoding.Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
    }

    internal static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string PayloadHash(SignedRequest request)
    {
        var actual = request.Body.Length == 0 ? EmptyBodySha256 : Convert.ToHexStringLower(SHA256.HashData(request.Body));
        var declared = request.Header("x-amz-content-sha256");
        if (declared is null)
        {
            return actual;
        }

        if (declared == "UNSIGNED-PAYLOAD")
        {
            return declared;
        }

        if (!string.Equals(declared, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        return declared;
    }

    private static string CanonicalHeaderValue(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var builder = new StringBuilder(trimmed.Length);
        var lastWasSpace = false;
        foreach (var c in trimmed)
        {
            if (c == ' ' && lastWasSpace)
            {
                continue;
            }

            lastWasSpace = c == ' ';
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static void CheckSkew(DateTimeOffset signedAt, DateTimeOffset now, string amzDate, TimeSpan window)
    {
        static string Basic(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var minutes = window.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture);
        if (signedAt < now - window)
        {
            throw Invalid($"Signature expired: {amzDate} is now earlier than {Basic(now - window)} ({Basic(now)} - {minutes} min.)");
        }

        if (signedAt > now + window)
        {
            throw Invalid($"Signature not yet current: {amzDate} is still later than {Basic(now + window)} ({Basic(now)} + {minutes} min.)");
        }
    }

    private static (string Credential, string SignedHeaders, string Signature) ParseAuthorization(string header)
    {
        var space = header.IndexOf(' ');
        var algorithm = space < 0 ? header : header[..space];
        if (!string.Equals(algorithm, Algorithm, StringComparison.Ordinal))
        {
            throw Incomplete($"Unsupported AWS 'algorithm': '{algorithm}'.");
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header[(space + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq < 0)
            {
                continue;
            }

            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        var missing = new StringBuilder();
        if (credential is null)
        {
            missing.Append("Authorization header requires 'Credential' parameter. ");
        }

        if (signature is null)
        {
            missing.Append("Authorization header requires 'Signature' parameter. ");
        }

        if (signedHeaders is null)
        {
            missing.Append("Authorization header requires 'SignedHeaders' parameter. ");
        }

        if (missing.Length > 0)
        {
            throw Incomplete(missing.ToString().TrimEnd());
        }

        return (credential!, signedHeaders!, signature!);
    }

    private static ApiException Invalid(string message) => new(403, "InvalidSignatureException", message);

    private static ApiException Incomplete(string message) => new(403, "IncompleteSignatureException", message);
}
