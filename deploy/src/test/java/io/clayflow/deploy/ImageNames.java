package io.clayflow.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The images {@code mvn -Pimages package} makes, read from the poms: each module whose "images" profile names an
 * {@code image.name} builds {@code clayflow/<image.name>:<version>} into {@code <module>/target/jib-image.tar}.
 */
final class ImageNames {

    private ImageNames() {
    }

    /** Module directory → image name without tag, e.g. {@code callback-gateway → clayflow/gateway}. */
    static Map<String, String> byModule() {
        Map<String, String> images = new TreeMap<>();
        try {
            Document parent = read(Manifests.ROOT.resolve("pom.xml"));
            NodeList modules = parent.getElementsByTagName("module");
            for (int i = 0; i < modules.getLength(); i++) {
                String module = modules.item(i).getTextContent().trim();
                Path pom = Manifests.ROOT.resolve(module).resolve("pom.xml");
                if (!Files.exists(pom)) {
                    continue;
                }
                NodeList profiles = read(pom).getElementsByTagName("profile");
                for (int p = 0; p < profiles.getLength(); p++) {
                    Element profile = (Element) profiles.item(p);
                    NodeList ids = profile.getElementsByTagName("id");
                    NodeList names = profile.getElementsByTagName("image.name");
                    if (ids.getLength() > 0 && "images".equals(ids.item(0).getTextContent().trim())
                            && names.getLength() > 0) {
                        images.put(module, "clayflow/" + names.item(0).getTextContent().trim());
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the poms", e);
        }
        return images;
    }

    /** The project's version, from the parent pom. */
    static String version() {
        try {
            Element project = read(Manifests.ROOT.resolve("pom.xml")).getDocumentElement();
            NodeList children = project.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if ("version".equals(children.item(i).getNodeName())) {
                    return children.item(i).getTextContent().trim();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the parent pom", e);
        }
        throw new IllegalStateException("The parent pom has no version");
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }
}
