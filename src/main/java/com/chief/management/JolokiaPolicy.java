package com.chief.management;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Jolokia access policy Chief runs with: the jar's {@code jolokia-access.xml} (MBeans denied,
 * read-only commands, strict origin checking) with the clients and browser origins from the
 * configuration, and {@code exec} and {@code write} only when every request must log in.
 */
public record JolokiaPolicy(List<String> remoteHosts, List<String> allowedOrigins, boolean operatorLogin) {

    static final String TEMPLATE = "jolokia-access.xml";

    public JolokiaPolicy {
        if (remoteHosts.isEmpty() || allowedOrigins.isEmpty()) {
            // an empty <remote> or <cors> would mean "anyone" to Jolokia
            throw new IllegalStateException("chief.management.remote-hosts and chief.management.allowed-origins must not be empty");
        }
    }

    public PolicyRestrictor restrictor() {
        return new PolicyRestrictor(new ByteArrayInputStream(xml().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    String xml() {
        try (InputStream in = JolokiaPolicy.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the jar");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document policy = factory.newDocumentBuilder().parse(in);
            replaceChildren(policy, "remote", "host", remoteHosts);
            Element cors = (Element) policy.getElementsByTagName("cors").item(0);
            for (Node origin; (origin = cors.getElementsByTagName("allow-origin").item(0)) != null; ) {
                cors.removeChild(origin);
            }
            for (String origin : allowedOrigins) {
                cors.insertBefore(element(policy, "allow-origin", origin), cors.getFirstChild());
            }
            if (operatorLogin) {
                Node commands = policy.getElementsByTagName("commands").item(0);
                commands.appendChild(element(policy, "command", "exec"));
                commands.appendChild(element(policy, "command", "write"));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(policy), new StreamResult(out));
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException
                 | javax.xml.transform.TransformerException e) {
            throw new IllegalStateException("Cannot build the Jolokia policy from " + TEMPLATE + ": " + e.getMessage(), e);
        }
    }

    private static void replaceChildren(Document policy, String parent, String child, List<String> values) {
        Node node = policy.getElementsByTagName(parent).item(0);
        while (node.hasChildNodes()) {
            node.removeChild(node.getFirstChild());
        }
        values.forEach(value -> node.appendChild(element(policy, child, value)));
    }

    private static Element element(Document policy, String name, String text) {
        Element element = policy.createElement(name);
        element.setTextContent(text);
        return element;
    }
}
