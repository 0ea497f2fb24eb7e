using System;

namespace ConnectTools.Emulator;

/// <summary>A service error: HTTP status, error code and message, written in the configured <see cref="ErrorForm"/>.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int statusCode, string errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public int StatusCode { get; }

    public string ErrorCode { get; }

    public static ApiException InvalidParameter(string message) => new(400, "InvalidParameterException", message);

    public static ApiException InvalidRequest(string message) => new(400, "InvalidRequestException", message);

    public static ApiException NotFound(string message) => new(404, "ResourceNotFoundException", message);

    public static ApiException UnknownOperation() => new(404, "UnknownOperationException", "The requested operation is not recognized by the service.");

    public static ApiException Throttling() => new(429, "ThrottlingException", "Rate exceeded");

    public static ApiException Serialization(string message) => new(400, "SerializationException", message);

    /// <summary>The service's wording for a failed length or range constraint.</summary>
    public static ApiException Constraint(string value, string member, string constraint) =>
        InvalidParameter($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must {constraint}");
}
