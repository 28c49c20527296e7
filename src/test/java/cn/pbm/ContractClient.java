package cn.pbm;

import java.net.URI;

import cn.pbm.client.ApiClient;

/** The client generated from the contract, pointed at the application under test. */
public final class ContractClient {

    private ContractClient() {
    }

    public static ApiClient at(URI base) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        return client;
    }
}
