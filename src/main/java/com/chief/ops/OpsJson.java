package com.chief.ops;

import com.chief.model.Json;

/** The operations API's JSON answers. */
final class OpsJson {

    private OpsJson() {
    }

    static String error(String message) {
        return Json.MAPPER.createObjectNode().put("error", message).toString();
    }
}
