// Validates several (shapes, data) pairs with Apache Jena SHACL in one JVM and writes each report as N-Triples.
// Usage: java -cp CLASSPATH JenaShacl.java SHAPES.nt DATA.nt REPORT.nt [SHAPES.nt DATA.nt REPORT.nt ...]
// Run by calckg.validate_jena (one JVM start, about 0.5 s here, for every pair).
import java.io.FileOutputStream;
import java.io.OutputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;

public class JenaShacl {
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 3 != 0) {
            System.err.println("usage: JenaShacl SHAPES DATA REPORT [SHAPES DATA REPORT ...]");
            System.exit(2);
        }
        for (int i = 0; i < args.length; i += 3) {
            Graph shapesGraph = RDFDataMgr.loadGraph(args[i]);
            Graph dataGraph = RDFDataMgr.loadGraph(args[i + 1]);
            ValidationReport report = ShaclValidator.get().validate(Shapes.parse(shapesGraph), dataGraph);
            try (OutputStream out = new FileOutputStream(args[i + 2])) {
                RDFDataMgr.write(out, report.getModel(), Lang.NTRIPLES);
            }
        }
    }
}
