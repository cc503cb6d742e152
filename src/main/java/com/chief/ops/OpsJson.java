package com.chief.ops;

import com.chief.model.Json;

/** The operations API's JSON answers. */
public final class OpsJson {

    private OpsJson() {
    }

    public static String error(String message) {
        return Json.MAPPER.createObjectNode().put("error", message).toString();
    }
}
