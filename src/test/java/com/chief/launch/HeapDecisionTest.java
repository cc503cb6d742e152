package com.chief.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a started JVM runs Chief itself and when it launches Chief in a child JVM with a bounded heap. */
class HeapDecisionTest {

    @Test
    void noHeapSettingAnywhereMeansAChildWithTheConfiguredHeap() {
        assertThat(HeapDecision.childHeap(List.of(), Map.of(), "1g")).contains("1g");
        assertThat(HeapDecision.childHeap(List.of("-Dchief.profile=local", "-XX:+UseG1GC", "-Xms64m"), Map.of("PATH", "/bin"),
                " 768m ")).contains("768m");
    }

    @Test
    void anExplicitHeapOnTheCommandLineIsKept() {
        for (String option : List.of("-Xmx2g", "-XX:MaxHeapSize=2147483648", "-XX:MaxRAMPercentage=50.0", "-XX:MaxRAM=8g",
                "-XX:MaxRAMFraction=2")) {
            assertThat(HeapDecision.childHeap(List.of("-Dx=1", option), Map.of(), "1g")).as(option).isEmpty();
        }
    }

    @Test
    void anExplicitHeapInTheJavaOptionVariablesIsKept() {
        assertThat(HeapDecision.childHeap(List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Dfoo=bar -Xmx3g"), "1g")).isEmpty();
        assertThat(HeapDecision.childHeap(List.of(), Map.of("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=25"), "1g")).isEmpty();
        assertThat(HeapDecision.childHeap(List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Dfoo=bar"), "1g")).contains("1g");
    }

    @Test
    void theChildItselfADebuggedJvmAndAnEmptySettingRunChiefInPlace() {
        assertThat(HeapDecision.childHeap(List.of("-Dchief.jvm.launcher-pid=4242"), Map.of(), "1g")).as("the child").isEmpty();
        assertThat(HeapDecision.childHeap(List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005"), Map.of(), "1g"))
                .as("a debugger's port cannot be opened twice").isEmpty();
        assertThat(HeapDecision.childHeap(List.of(), Map.of(), "")).as("chief.jvm.max-heap= (empty)").isEmpty();
        assertThat(HeapDecision.childHeap(List.of(), Map.of(), null)).isEmpty();
    }

    @Test
    void aHeapThatIsNoSizeIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> HeapDecision.childHeap(List.of(), Map.of(), "lots"))
                .hasMessageContaining("chief.jvm.max-heap").hasMessageContaining("lots");
    }

    @Test
    void theChildGetsTheBoundedHeapTheMarkerAndTheSameArguments() {
        List<String> command = BoundedHeapLauncher.childCommand("1g", HeapDecisionTest.class, new String[] {"--foo"});
        assertThat(command).contains("-Xmx1g", "-D" + HeapDecision.CHILD_MARKER + "=" + ProcessHandle.current().pid());
        assertThat(command.get(command.size() - 1)).isEqualTo("--foo");
        assertThat(command.indexOf("-Xmx1g")).as("after this JVM's own options, so it wins").isGreaterThan(0);
    }
}
