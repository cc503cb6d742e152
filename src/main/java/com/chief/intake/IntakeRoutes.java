package com.chief.intake;

import com.chief.config.ChiefSettings;
import org.apache.camel.builder.RouteBuilder;

/**
 * The drop-folder intake, one route per inbox from the {@code intake} template: complete files
 * only (stable size, no dot- or temp-names, so write-then-rename works), one at a time, handed to
 * a {@link FileIntake} which archives or keeps each file itself.
 */
public class IntakeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        routeTemplate("intake")
                .templateParameter("inbox", null, "the drop folder")
                .templateParameter("intake", null, "the FileIntake bean for this folder")
                .templateParameter("retries", null, "its IntakeRetries filter")
                .from("file:{{inbox}}"
                        + "?noop=true"
                        + "&idempotent=false"
                        + "&readLock=changed"
                        + "&readLockCheckInterval=500"
                        + "&antExclude=**/.*,**/*.tmp,**/*.part"
                        + "&filter=#{{retries}}"
                        + "&sortBy=file:modified"
                        + "&delay=1000")
                .process("{{intake}}");

        ChiefSettings.Intake intake = getCamelContext().getRegistry().findSingleByType(ChiefSettings.class).intake();
        templatedRoute("intake")
                .routeId("intake-orders")
                .parameter("inbox", intake.ordersDir().toString())
                .parameter("intake", "orderIntake")
                .parameter("retries", "orderIntakeRetries");
        templatedRoute("intake")
                .routeId("intake-job-results")
                .parameter("inbox", intake.jobResultsDir().toString())
                .parameter("intake", "jobResultIntake")
                .parameter("retries", "jobResultIntakeRetries");
    }
}
