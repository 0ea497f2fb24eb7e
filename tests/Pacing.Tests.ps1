# Pacing through the built module: one pace per account, Region and API in the process, shared by parallel runspaces,
# and -MaxRequestRate. Figures come from the emulator's records (its clock, its 429s), not from this process's clock.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-TestEmulator -Instances 1 -Users 30 -Arguments '--active-only', '--quota', 'DescribeUser=20/30'
    $script:Url = $Emu.Url
    $script:Inst = $Emu.Data.Instances[0]
    $script:AwsState = Enter-TestAwsEnvironment
    # The module is told the quota the emulator enforces, as for an account whose quota was raised.
    $env:CONNECTTOOLS_API_QUOTAS = 'DescribeUser=20/30'

    function Get-ReceivedTimes([string] $Operation) {
        Get-EmulatorRequests $Emu | Where-Object Operation -EQ $Operation | ForEach-Object {
            $t = $_.ReceivedAt
            if ($t -isnot [datetime]) { $t = [datetime]::Parse("$t", [cultureinfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind) }
            [pscustomobject]@{ At = $t.ToUniversalTime(); Status = [int]$_.StatusCode }
        } | Sort-Object At
    }
}

AfterAll {
    if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
    Stop-TestEmulator $script:Emu
}

Describe 'Pacing' {
    BeforeEach { Reset-EmulatorStats $Emu }   # also refills the emulator's buckets

    It 'four ForEach-Object -Parallel runspaces listing at once share one pace: at most 2% throttled after the first second' {
        $manifest = $ModuleManifest; $url = $Url; $id = $Inst.Id
        $counts = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:manifest
            @(Get-ConnectUser -InstanceId $using:id -EndpointUrl $using:url -ErrorAction Stop).Count
        }
        $counts | Should -Be @(30, 30, 30, 30)
        $calls = @(Get-ReceivedTimes 'DescribeUser')
        $start = $calls[0].At.AddSeconds(1)
        $steady = @($calls | Where-Object At -GE $start)
        $throttled = @($steady | Where-Object Status -EQ 429).Count
        $steady.Count | Should -BeGreaterThan 0
        $throttled | Should -BeLessOrEqual ($steady.Count * 0.02) -Because "each runspace at the whole quota (20/s) would be four times the quota; $throttled of $($steady.Count) calls after the first second were throttled"
    }

    It '-MaxRequestRate 4: at most 4 DescribeUser calls a second at the emulator (plus two for jitter), where the quota allows 20' {
        $users = @(Get-ConnectUser -InstanceId $Inst.Id -EndpointUrl $Url -MaxRequestRate 4 | Select-Object -First 12)
        $users.Count | Should -Be 12
        $null = Wait-EmulatorInFlight $Emu -Count 0
        $times = @(Get-ReceivedTimes 'DescribeUser' | ForEach-Object At)
        $most = ($times | ForEach-Object { $t = $_; @($times | Where-Object { $_ -ge $t -and $_ -lt $t.AddSeconds(1) }).Count } | Measure-Object -Maximum).Maximum
        $most | Should -BeLessOrEqual 6 -Because "without -MaxRequestRate the first 20 calls go at once; the busiest second had $most"
        ($times[-1] - $times[0]).TotalSeconds | Should -BeGreaterOrEqual ((($times.Count - 1) / 4) * 0.9)
    }
}
