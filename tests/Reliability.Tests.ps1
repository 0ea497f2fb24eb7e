# Streaming, early stop, throttling and transient faults, against an emulator with quotas on.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-TestEmulator -Instances 1 -Users 300 -Arguments '--quota', 'DescribeUser=100/10'
    $script:AwsState = Enter-TestAwsEnvironment
    $script:Url = $Emu.Url
    $script:Inst = $Emu.Data.Instances[0]
}

AfterAll {
    if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
    Stop-TestEmulator $script:Emu
}

Describe 'Reliability' {
    BeforeEach {
        Clear-EmulatorFault $Emu
        $null = Set-EmulatorOption $Emu @{ LatencyMs = 0; DisableQuotas = $true }
        Reset-EmulatorStats $Emu
    }

    It 'Select-Object -First 5 stops the listing early' {
        $null = Set-EmulatorOption $Emu @{ LatencyMs = 50 }
        Reset-EmulatorStats $Emu
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $five = @(Get-ConnectUser -InstanceId $Inst.Id -EndpointUrl $Url | Select-Object -First 5)
        $sw.Stop()
        $five.Count | Should -Be 5
        Start-Sleep -Milliseconds 300   # let cancelled calls finish at the emulator
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.DescribeUser.Requests | Should -BeLessThan 60 -Because "300 users exist; stopping after 5 must not describe them all (saw $($stats.Operations.DescribeUser.Requests))"
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 5
    }

    It 'a listing at the quota returns every user, without errors, throttled calls retried' {
        $null = Set-EmulatorOption $Emu @{ DisableQuotas = $false }
        Reset-EmulatorStats $Emu
        $r = Invoke-Captured { Get-ConnectUser -InstanceId $Inst.Id -EndpointUrl $Url }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 0
        @($r.Output.UserId | Sort-Object -Unique).Count | Should -Be 300
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.DescribeUser.ResponsesByStatus.'200' | Should -Be 300
        $stats.Operations.DescribeUser.Throttled | Should -BeGreaterThan 0 -Because 'the quota (100/s, burst 10) must have been hit, or this test proves nothing'
    }

    It 'transient 503s are retried' {
        Add-EmulatorFault $Emu @{ Operation = 'DescribeUser'; Kind = 'Status'; StatusCode = 503; Count = 2 }
        $got = @(Get-ConnectUser -InstanceId $Inst.Id -UserId $Inst.Users[0].Id -EndpointUrl $Url)
        $got.Count | Should -Be 1
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.DescribeUser.ResponsesByStatus.'503' | Should -Be 2
        $stats.Operations.DescribeUser.ResponsesByStatus.'200' | Should -Be 1
    }

    It 'a persistent failure of one item is one non-terminating error; the other items arrive' {
        Add-EmulatorFault $Emu @{ Operation = 'DescribeUser'; Kind = 'Status'; StatusCode = 500; ErrorCode = 'InternalServiceException'; Count = 3 }
        $ids = @($Inst.Users[0..3].Id)
        $r = Invoke-Captured { Get-ConnectUser -InstanceId $Inst.Id -UserId $ids -ThrottleLimit 1 -EndpointUrl $Url }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 3
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectServiceError,ConnectTools.Commands.GetConnectUserCommand'
        $r.Errors[0].TargetObject | Should -Be $ids[0]
        $r.Errors[0].ToString() | Should -Match 'InternalServiceException'
    }
}
