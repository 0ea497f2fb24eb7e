using System;
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConnectTools.Emulator;

/// <summary>
/// Serves one request: route, authenticate, throttle, inject faults, run the operation and write the response.
/// </summary>
internal sealed class RequestPipeline
{
    private const int MaxBodyBytes = 1024 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly EmulatorOptions _options;
    private readonly EmulatorData _data;
    private readonly EmulatorStats _stats;
    private readonly FaultInjector _faults;
    private readonly SigV4Verifier _verifier;
    private readonly QuotaManager _quotas;
    private readonly NextTokenCodec _tokens = new();
    private readonly SearchCountCache _searchCounts = new();
    private readonly ErrorWriter _errors = new();
    private readonly CancellationToken _stopping;

    public RequestPipeline(EmulatorOptions options, EmulatorData data, EmulatorStats stats, FaultInjector faults, SigV4Verifier verifier, QuotaManager quotas, CancellationToken stopping)
    {
        _options = options;
        _data = data;
        _stats = stats;
        _faults = faults;
        _verifier = verifier;
        _quotas = quotas;
        _stopping = stopping;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var receivedAt = DateTimeOffset.UtcNow;
        var requestId = Guid.NewGuid().ToString();
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString);
        var q = rawTarget.IndexOf('?');
        var rawPath = q < 0 ? rawTarget : rawTarget[..q];
        var rawQuery = q < 0 ? "" : rawTarget[(q + 1)..];
        var segments = UriEncoding.PathSegments(rawPath);
        var operation = Router.Match(http.Request.Method, segments);
        var opStats = _stats.For(operation);

        _stats.Enter();
        opStats.CountRequest();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        int status = 0;
        string? errorCode = null, accessKey = null, diagnostic = null;
        FaultRule? fault = null;
        try
        {
            if (_options.Latency > TimeSpan.Zero)
            {
                await DelayAsync(_options.Latency, http).ConfigureAwait(false);
            }

            if (operation == OperationNames.Unknown)
            {
                throw ApiException.UnknownOperation();
            }

            var body = await ReadBodyAsync(http.Request).ConfigureAwait(false);
            accessKey = Authenticate(http, rawPath, rawQuery, body, out diagnostic);
            if (!_quotas.TryAcquire(operation, accessKey))
            {
                opStats.CountThrottled();
                throw ApiException.Throttling();
            }

            var active = _faults.PickActive(operation);
            fault = active?.Rule;
            if (active is not null && fault is not null)
            {
                opStats.CountFault();
                switch (fault.Kind)
                {
                    case FaultKind.Delay:
                        await DelayAsync(fault.Delay, http).ConfigureAwait(false);
                        break;
                    case FaultKind.Barrier:
                        await HoldAsync(active.AllArrived, fault.Delay, http).ConfigureAwait(false);
                        break;
                    case FaultKind.ConnectionReset:
                        http.Abort();
                        return;
                    case FaultKind.Status:
                        throw new ApiException(fault.StatusCode, fault.EffectiveErrorCode, fault.EffectiveMessage);
                }
            }

            var json = Run(operation, segments, rawQuery, body, fault);
            status = 200;
            await WriteAsync(http, 200, json, fault).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            status = e.StatusCode;
            errorCode = e.ErrorCode;
            if (fault is null && e.ErrorCode is "MissingAuthenticationTokenException" or "UnrecognizedClientException" or "InvalidSignatureException" or "IncompleteSignatureException")
            {
                opStats.CountSignatureFailure();
            }

            await WriteErrorAsync(http, e.StatusCode, e.ErrorCode, e.Message, fault).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            status = 0;
            http.Abort();
        }
        catch (IOException)
        {
            status = 0;
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            status = 500;
            errorCode = "InternalServiceException";
            Log($"internal error in {operation}: {e}");
            await WriteErrorAsync(http, 500, errorCode, "Internal emulator error.", null).ConfigureAwait(false);
        }
        finally
        {
            _stats.Exit();
            opStats.CountResponse(status);
            var pathAndQuery = Redaction.PathAndQuery(rawPath, rawQuery);
            var elapsed = Stopwatch.GetElapsedTime(started);
            _stats.Record(new RequestRecord(operation, http.Request.Method, pathAndQuery, receivedAt, status, errorCode, fault?.Kind, accessKey, elapsed, requestId, http.Request.Headers.UserAgent.ToString()));
            if (_options.LogSink is not null)
            {
                Log(string.Create(CultureInfo.InvariantCulture,
                    $"{receivedAt:HH:mm:ss.fff} {http.Request.Method} {pathAndQuery} -> {status} {operation}{(errorCode is null ? "" : " " + errorCode)}{(fault is null ? "" : " fault=" + fault.Kind)} {elapsed.TotalMilliseconds:F1}ms{(accessKey is null ? "" : " key=" + accessKey)}"));
                if (diagnostic is not null)
                {
                    Log(diagnostic);
                }
            }
        }
    }

    private string? Authenticate(HttpContext http, string rawPath, string rawQuery, byte[] body, out string? diagnostic)
    {
        diagnostic = null;
        if (!_options.RequireSignature)
        {
            return null;
        }

        var headers = http.Request.Headers;
        var request = new SignedRequest
        {
            Method = http.Request.Method,
            RawPath = rawPath,
            RawQuery = rawQuery,
            Body = body,
            Header = name => headers.TryGetValue(name, out var v) ? v.ToString() : null,
        };
        return _verifier.Verify(request, DateTimeOffset.UtcNow, out diagnostic);
    }

    private byte[] Run(string operation, string[] segments, string rawQuery, byte[] body, FaultRule? fault)
    {
        var context = new RequestContext
        {
            Operation = operation,
            Segments = segments,
            Query = UriEncoding.QueryPairs(rawQuery),
            Body = body,
            Data = _data,
            Options = _options,
            Tokens = _tokens,
            SearchCounts = _searchCounts,
            Fault = fault,
        };
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Router.Handler(operation)(context, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task WriteErrorAsync(HttpContext http, int status, string code, string message, FaultRule? fault)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        var (header, body) = _errors.Render(_options.ErrorForm, code, message);
        if (header is not null)
        {
            http.Response.Headers["X-Amzn-ErrorType"] = header;
        }

        await WriteAsync(http, status, body, fault).ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpContext http, int status, byte[] body, FaultRule? fault)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        var cancel = http.RequestAborted;
        switch (fault?.Kind)
        {
            case FaultKind.EmptyBody:
                response.ContentLength = 0;
                return;
            case FaultKind.MalformedJson:
                var broken = new byte[(body.Length / 2) + 12];
                body.AsSpan(0, body.Length / 2).CopyTo(broken);
                "#!<garbage>"u8.CopyTo(broken.AsSpan(body.Length / 2));
                broken[^1] = (byte)'{';
                response.ContentLength = broken.Length;
                await response.Body.WriteAsync(broken, cancel).ConfigureAwait(false);
                return;
            case FaultKind.TruncatedBody:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), cancel).ConfigureAwait(false);
                await response.Body.FlushAsync(cancel).ConfigureAwait(false);
                await Task.Delay(50, cancel).ConfigureAwait(false);
                http.Abort();
                return;
            case FaultKind.SlowBody:
                response.ContentLength = body.Length;
                await WriteSlowlyAsync(http, body, fault.Delay).ConfigureAwait(false);
                return;
            default:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body, cancel).ConfigureAwait(false);
                return;
        }
    }

    private async Task WriteSlowlyAsync(HttpContext http, byte[] body, TimeSpan over)
    {
        var steps = Math.Clamp((int)(over.TotalMilliseconds / 50), 1, Math.Max(1, body.Length));
        var chunk = Math.Max(1, (body.Length + steps - 1) / steps);
        var pause = over / Math.Max(1, (body.Length + chunk - 1) / chunk);
        for (var at = 0; at < body.Length; at += chunk)
        {
            await http.Response.Body.WriteAsync(body.AsMemory(at, Math.Min(chunk, body.Length - at)), http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            await DelayAsync(pause, http).ConfigureAwait(false);
        }
    }

    private async Task DelayAsync(TimeSpan delay, HttpContext http)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping);
        await Task.Delay(delay, linked.Token).ConfigureAwait(false);
    }

    /// <summary>Waits for <paramref name="released"/>, at most <paramref name="limit"/>; ends early (throws) if the client goes away.</summary>
    private async Task HoldAsync(Task released, TimeSpan limit, HttpContext http)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping);
        try
        {
            await released.WaitAsync(limit, linked.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            throw ApiException.Serialization("The request body is too large.");
        }

        if (request.ContentLength == 0)
        {
            return [];
        }

        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 256);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw ApiException.Serialization("The request body is too large.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private void Log(string line)
    {
        try
        {
            _options.LogSink?.Invoke(line);
        }
        catch (Exception)
        {
            // A failing log sink must not fail requests.
        }
    }
}

/// <summary>Keeps credentials out of logs and records.</summary>
internal static class Redaction
{
    private static readonly string[] SensitiveParameters = ["x-amz-security-token", "x-amz-signature", "x-amz-credential"];

    public static string PathAndQuery(string rawPath, string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return rawPath;
        }

        var builder = new StringBuilder(rawPath.Length + rawQuery.Length + 1).Append(rawPath).Append('?');
        var first = true;
        foreach (var part in rawQuery.Split('&'))
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            builder.Append(Array.IndexOf(SensitiveParameters, name.ToLowerInvariant()) >= 0 ? name + "=REDACTED" : part);
        }

        return builder.ToString();
    }
}
