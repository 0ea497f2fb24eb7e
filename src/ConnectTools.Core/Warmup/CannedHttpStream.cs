#if NET
using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Warmup
{
    /// <summary>
    /// One HTTP/1.1 exchange in memory, as the warm-up's SocketsHttpHandler sees a connection (through its
    /// ConnectCallback): it takes the request head the handler writes and answers it with the canned body of
    /// <see cref="CannedConnectHandler"/>, then "Connection: close". No socket, no DNS: the handler's own connection
    /// code (pooling, writing the request, parsing the response) runs on this stream instead of the network.
    /// </summary>
    internal sealed class CannedHttpStream : Stream
    {
        private readonly CannedConnectHandler _counter;
        private readonly MemoryStream _request = new MemoryStream();
        private readonly TaskCompletionSource<bool> _headComplete = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private byte[]? _response;
        private int _position;

        internal CannedHttpStream(CannedConnectHandler counter) => _counter = counter;

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _request.Write(buffer);
            if (_headComplete.Task.IsCompleted) return;
            string text = Encoding.ASCII.GetString(_request.GetBuffer(), 0, (int)_request.Length);
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) return;
            // "GET /instance/{id} HTTP/1.1": the path decides the body.
            string[] requestLine = text.Substring(0, text.IndexOf("\r\n", StringComparison.Ordinal)).Split(' ');
            string path = requestLine.Length > 1 ? requestLine[1].Split('?')[0] : "/";
            byte[] body = Encoding.UTF8.GetBytes(CannedConnectHandler.BodyFor(path));
            string head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n" + CannedConnectHandler.RequestIdHeader + ": " +
                          CannedConnectHandler.RequestId + "\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n";
            byte[] headBytes = Encoding.ASCII.GetBytes(head);
            var response = new byte[headBytes.Length + body.Length];
            headBytes.CopyTo(response, 0);
            body.CopyTo(response, headBytes.Length);
            _response = response;
            _counter.Count();
            _headComplete.TrySetResult(true);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return default;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            // Asynchronously, as a network answers, so the handler's resumption code is compiled too.
            await Task.Yield();
            await _headComplete.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            var response = _response!;
            int n = Math.Min(buffer.Length, response.Length - _position);
            response.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
#endif
