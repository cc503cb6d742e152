/**
 * Chief's settings as data: the table of every {@code chief.*} key ({@link com.chief.settings.ChiefKeys}) and the
 * strict reader through it ({@link com.chief.settings.Settings}). It imports nothing else of Chief's, so that any
 * package may read its settings here ({@code consume} does, and must not import {@code config}); the settings
 * resolved for a profile (embedded endpoints, rules between keys) are {@code config.ChiefSettings}.
 */
package com.chief.settings;
